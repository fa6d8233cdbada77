import { getAlias, putAlias } from '../../aws/lambda-access';
import { type DeployContext, unchanged, write } from '../context';
import { ALIAS } from '../../contracts/names';

/** "zap: previous 4": the alias remembers where it was, for `zap rollback`. */
export function aliasDescription(previous: string | undefined): string {
  return previous ? `zap: previous ${previous}` : 'zap';
}

export function previousVersionOf(description: string | undefined): string | undefined {
  return /^zap: previous (\d+)$/.exec(description ?? '')?.[1];
}

export interface AliasOutcome {
  /** The version `live` pointed to before, if it moved. */
  from?: string;
  changed: boolean;
}

/** Points `live` at the version; a no-op when it already does. */
export async function ensureAlias(ctx: DeployContext, version: string | undefined): Promise<AliasOutcome> {
  const { clients, names: n } = ctx;
  const alias = await getAlias(clients, n.function, ALIAS);
  if (alias && alias.FunctionVersion === version) {
    unchanged(ctx, 'alias', `${ALIAS} → ${version}`);
    return { changed: false };
  }
  const from = alias?.FunctionVersion;
  await write(ctx, 'alias', `${ALIAS} → ${version ?? 'the new version'}${from ? ` (was ${from})` : ''}`, () =>
    putAlias(clients, n.function, ALIAS, version!, aliasDescription(from), alias !== undefined),
  );
  return { from, changed: true };
}
