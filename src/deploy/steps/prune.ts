import { deleteFunction, listVersions } from '../../aws/lambda';
import { getAlias } from '../../aws/lambda-access';
import { type DeployContext, write } from '../context';
import { ALIAS } from '../../contracts/names';
import { previousVersionOf } from './alias';

/** Which versions to delete: all but the newest `keep`, and never the one `live` points to or its previous. */
export function versionsToPrune(versions: string[], keep: number, protectedVersions: (string | undefined)[]): string[] {
  const newestFirst = [...versions].sort((a, b) => Number(b) - Number(a));
  return newestFirst.slice(keep).filter((v) => !protectedVersions.includes(v));
}

/** Deletes old versions; returns those deleted. */
export async function pruneVersions(ctx: DeployContext): Promise<{ deleted: string[] }> {
  const { clients, names: n, settings } = ctx;
  if (ctx.plan) return { deleted: [] };
  const alias = await getAlias(clients, n.function, ALIAS);
  const versions = (await listVersions(clients, n.function)).map((v) => v.Version!);
  const doomed = versionsToPrune(versions, settings.num_retained_versions, [alias?.FunctionVersion, previousVersionOf(alias?.Description)]);
  for (const v of doomed) await write(ctx, 'prune', `delete old version ${v}`, () => deleteFunction(clients, n.function, v));
  return { deleted: doomed };
}
