import { apiUrl, createApi, deleteApi, findApisByName, findApisToCleanUp, getApiWiring, pickApi, type ApiState } from '../../aws/apigateway';
import { addPermission, getPolicyStatements, removePermission } from '../../aws/lambda-access';
import { UserError } from '../../core/errors';
import { apiSourceArn, createApiInput, wiringProblems } from '../api-gateway-params';
import { type DeployContext, unchanged, write } from '../context';
import { ALIAS, SID, ownershipTags } from '../../contracts/names';

export interface ApiGatewayOutcome {
  /** The API's URL when `http: api_gateway` (undefined in plan mode before it exists). */
  url?: string;
  /** The API's id (undefined when there is none, or in plan mode before it exists). */
  apiId?: string;
  changed: boolean;
}

/**
 * `http: api_gateway`: an HTTP API named like the function, quick-created onto alias `live`, and the
 * permission for apigateway.amazonaws.com from that API. Any other `http` removes zap's API.
 */
export async function ensureApiGateway(ctx: DeployContext, aliasArn: string, account: string): Promise<ApiGatewayOutcome> {
  const { clients, names: n, settings } = ctx;
  if (settings.http !== 'api_gateway') {
    const { owned } = pickApi(await findApisToCleanUp(clients, n.function), n);
    if (owned) await removeApi(ctx, owned, `http: ${settings.http}`);
    return { url: undefined, changed: owned !== undefined };
  }
  const { owned, foreign } = pickApi(await findApisByName(clients, n.function), n);
  if (foreign.length) {
    throw new UserError(`an HTTP API named ${n.function} (${foreign.map((a) => a.apiId).join(', ')}) exists but was not made by zap for ${n.project}/${n.stage}; zap will not adopt it. Delete or rename it`);
  }
  let api = owned;
  let replaced = false;
  if (api) {
    const problems = wiringProblems(await getApiWiring(clients, api.apiId), aliasArn);
    if (problems.length) {
      const old = api;
      await write(ctx, 'api', `replace HTTP API ${old.apiId} (${problems.join('; ')}); its URL changes`, () => deleteApi(clients, old.apiId));
      api = undefined;
      replaced = true;
    }
  }
  const created = !api;
  api ??= await write(ctx, 'api', `create HTTP API ${n.function} → ${ALIAS}`, () => createApi(clients, createApiInput(n, aliasArn, { ...settings.tags, ...ownershipTags(n) })));
  const permitted = await ensurePermission(ctx, api && apiSourceArn(clients.region, account, api.apiId));
  const changed = replaced || created || permitted;
  if (api && !changed) unchanged(ctx, 'api', apiUrl(api.endpoint));
  return { url: api && apiUrl(api.endpoint), apiId: api?.apiId, changed };
}

/** One statement, from this API only; replaced when the API was (its id is in the SourceArn). True when it was (or would be) written. */
async function ensurePermission(ctx: DeployContext, sourceArn: string | undefined): Promise<boolean> {
  const { clients, names: n } = ctx;
  const current = (await getPolicyStatements(clients, n.function, ALIAS)).find((s) => s.Sid === SID.apiGateway);
  if (current && sourceArn && current.Condition?.ArnLike?.['AWS:SourceArn'] === sourceArn) return false;
  await write(ctx, 'api', 'allow API Gateway to invoke the function', async () => {
    if (current) await removePermission(clients, n.function, SID.apiGateway, ALIAS);
    await addPermission(clients, {
      FunctionName: n.function, Qualifier: ALIAS, StatementId: SID.apiGateway, Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com', SourceArn: sourceArn,
    });
  });
  return true;
}

/** The permission first, then the API: a stopped run leaves the API, which the next run finds and removes. */
async function removeApi(ctx: DeployContext, api: ApiState, why: string): Promise<void> {
  const { clients, names: n } = ctx;
  await write(ctx, 'api', `remove HTTP API ${api.apiId} (${why})`, async () => {
    await removePermission(clients, n.function, SID.apiGateway, ALIAS);
    await deleteApi(clients, api.apiId);
  });
}
