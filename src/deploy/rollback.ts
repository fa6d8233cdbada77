import type { AwsClients } from '../aws/clients';
import { invoke } from '../aws/invoke';
import { listVersions } from '../aws/lambda';
import { getAlias, putAlias } from '../aws/lambda-access';
import { UserError } from '../core/errors';
import type { StageSettings } from '../settings/types';
import { keepWarmEvent } from './desired';
import { ALIAS, namesFor } from '../contracts/names';
import { aliasDescription, previousVersionOf } from './steps/alias';

export interface RollbackResult {
  function: string;
  from: string;
  to: string;
}

/** Which version to go back to: the one asked for, else the one `live` pointed to before, else the newest older one. */
export function rollbackTarget(current: string, retained: string[], previous: string | undefined, asked?: string): string | undefined {
  if (asked) return retained.includes(asked) ? asked : undefined;
  if (previous && previous !== current && retained.includes(previous)) return previous;
  return retained.filter((v) => Number(v) < Number(current)).sort((a, b) => Number(b) - Number(a))[0];
}

/** Moves alias `live` back (instant: the version is already published), then warms it. */
export async function rollback(clients: AwsClients, settings: StageSettings, to?: string): Promise<RollbackResult> {
  const n = namesFor(settings);
  const alias = await getAlias(clients, n.function, ALIAS);
  if (!alias) throw new UserError(`stage '${settings.stage}' is not deployed (no alias ${ALIAS} on ${n.function}); nothing to roll back`);
  const current = alias.FunctionVersion!;
  const retained = (await listVersions(clients, n.function)).map((v) => v.Version!);
  const target = rollbackTarget(current, retained, previousVersionOf(alias.Description), to);
  if (!target) {
    throw new UserError(to ? `version ${to} is not among the retained versions of ${n.function} (${retained.join(', ')})` : `no version older than ${current} is retained; nothing to roll back to`);
  }
  if (target === current) throw new UserError(`alias ${ALIAS} already points to version ${current}`);
  await putAlias(clients, n.function, ALIAS, target, aliasDescription(current), true);
  if (settings.keep_warm > 0) await invoke(clients, n.function, ALIAS, keepWarmEvent(settings.keep_warm), { async: true });
  return { function: n.function, from: current, to: target };
}
