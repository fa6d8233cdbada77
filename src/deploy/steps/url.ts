import { addPermission, createUrl, deleteUrl, getPolicyStatements, getUrl, getUrlConfig, removePermission, setUrlInvokeMode } from '../../aws/lambda-access';
import { type DeployContext, unchanged, write } from '../context';
import { ALIAS, SID } from '../../contracts/names';

export interface UrlOutcome {
  /** The Function URL when `http: function_url` (undefined in plan mode before it exists). */
  url?: string;
  changed: boolean;
}

/**
 * A public Function URL on alias `live`. Since October 2025 a public URL needs two statements:
 * lambda:InvokeFunctionUrl and lambda:InvokeFunction (https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html).
 * Any other `http` removes both and then the URL (statements first, so a stopped run leaves the URL, found again next time).
 */
export async function ensureUrl(ctx: DeployContext): Promise<UrlOutcome> {
  const { clients, names: n, settings } = ctx;
  const fn = n.function;
  if (settings.http !== 'function_url') {
    const existing = await getUrl(clients, fn, ALIAS);
    if (existing) {
      await write(ctx, 'url', `remove the Function URL (http: ${settings.http})`, async () => {
        await removePermission(clients, fn, SID.url, ALIAS);
        await removePermission(clients, fn, SID.urlInvoke, ALIAS);
        await deleteUrl(clients, fn, ALIAS);
      });
    }
    return { url: undefined, changed: existing !== undefined };
  }
  // zap.json `streaming`: RESPONSE_STREAM sends each chunk as the function writes it.
  const mode = settings.streaming ? 'RESPONSE_STREAM' : 'BUFFERED';
  const found = await getUrlConfig(clients, fn, ALIAS);
  const existing = found?.url;
  const url = existing ?? (await write(ctx, 'url', `create a Function URL on ${ALIAS}${settings.streaming ? ` (${mode})` : ''}`, () => createUrl(clients, fn, ALIAS, mode)));
  const modeChanged = found !== undefined && found.invokeMode !== mode;
  if (modeChanged) await write(ctx, 'url', `set the Function URL's invoke mode to ${mode}`, () => setUrlInvokeMode(clients, fn, ALIAS, mode));
  const sids = new Set((await getPolicyStatements(clients, fn, ALIAS)).map((s) => s.Sid));
  if (!sids.has(SID.url)) {
    await write(ctx, 'url', 'allow public calls (lambda:InvokeFunctionUrl)', () =>
      addPermission(clients, { FunctionName: fn, Qualifier: ALIAS, StatementId: SID.url, Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: 'NONE' }),
    );
  }
  if (!sids.has(SID.urlInvoke)) {
    await write(ctx, 'url', 'allow calls through the URL (lambda:InvokeFunction)', () =>
      addPermission(clients, { FunctionName: fn, Qualifier: ALIAS, StatementId: SID.urlInvoke, Action: 'lambda:InvokeFunction', Principal: '*', InvokedViaFunctionUrl: true }),
    );
  }
  const changed = !existing || modeChanged || !sids.has(SID.url) || !sids.has(SID.urlInvoke);
  if (url && !changed) unchanged(ctx, 'url', url);
  return { url, changed };
}
