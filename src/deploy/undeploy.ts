import { deleteApi, findApisToCleanUp, pickApi } from '../aws/apigateway';
import type { AwsClients } from '../aws/clients';
import { deleteRule, getRule } from '../aws/events';
import { deleteDomain, listDomainsToCleanUp } from '../aws/domains';
import { deleteRole, getRole } from '../aws/iam';
import { deleteFunction, getFunction } from '../aws/lambda';
import { deleteUrl } from '../aws/lambda-access';
import { deleteLogGroup, getLogGroup } from '../aws/logs';
import { UserError } from '../core/errors';
import type { Reporter } from '../core/output';
import type { StageSettings } from '../settings/types';
import { ALIAS, isOwnedBy, namesFor } from '../contracts/names';
import { ownedTaskRules } from './steps/tasks';

export interface UndeployResult {
  removed: string[];
  left: string[];
}

/**
 * Removes what deploy made, and only that: every resource is checked for zap's tags before
 * anything is deleted, so a foreign resource stops the whole run, not half of it.
 */
export async function undeploy(clients: AwsClients, settings: StageSettings, opts: { purgeLogs: boolean; report: Reporter }): Promise<UndeployResult> {
  const n = namesFor(settings);
  const [fn, rule, role, logGroup, apis, domains] = await Promise.all([
    getFunction(clients, n.function),
    getRule(clients, n.rule),
    settings.role_arn ? Promise.resolve(undefined) : getRole(clients, n.role),
    getLogGroup(clients, n.logGroup),
    findApisToCleanUp(clients, n.function),
    listDomainsToCleanUp(clients),
  ]);
  // API names are not unique: only the API tagged for this stage is zap's; others of that name are left alone.
  const api = pickApi(apis, n);
  const foreign = [
    fn && !isOwnedBy(fn.tags, n) ? `function ${n.function}` : '',
    rule && !isOwnedBy(rule.tags, n) ? `rule ${n.rule}` : '',
    role && !isOwnedBy(role.tags, n) ? `role ${n.role}` : '',
  ].filter(Boolean);
  if (foreign.length) throw new UserError(`not made by zap for ${n.project}/${n.stage}, so not removed: ${foreign.join(', ')}. Nothing was deleted`);

  const result: UndeployResult = { removed: [], left: [] };
  // Only what was there is reported: a delete that found nothing (false) is not a removal.
  const remove = async (what: string, fn: () => Promise<unknown>) => {
    if ((await fn()) === false) return;
    result.removed.push(what);
    opts.report.step('removed', what);
  };
  for (const d of domains.filter((x) => isOwnedBy(x.tags, n))) await remove(`custom domain ${d.name} (remove its DNS record too)`, () => deleteDomain(clients, d.name));
  if (api.owned) await remove(`HTTP API ${api.owned.apiId} (${api.owned.endpoint})`, () => deleteApi(clients, api.owned!.apiId));
  for (const a of api.foreign) result.left.push(`HTTP API ${a.apiId} named ${a.name} (not made by zap for ${n.project}/${n.stage})`);
  if (rule) await remove(`keep-warm rule ${n.rule}`, () => deleteRule(clients, n.rule));
  for (const name of (await ownedTaskRules(clients, n)).keys()) await remove(`task rule ${name}`, () => deleteRule(clients, name));
  if (fn) {
    await remove(`Function URL of ${n.function}`, () => deleteUrl(clients, n.function, ALIAS));
    await remove(`function ${n.function} (all versions and aliases)`, () => deleteFunction(clients, n.function));
  }
  if (role) await remove(`role ${n.role}`, () => deleteRole(clients, n.role));
  if (settings.role_arn) result.left.push(`role ${settings.role_arn} (named in zap.json, not made by zap)`);
  if (logGroup && opts.purgeLogs) await remove(`log group ${n.logGroup}`, () => deleteLogGroup(clients, n.logGroup));
  else if (logGroup) result.left.push(`log group ${n.logGroup} (remove it with --purge-logs)`);
  for (const line of result.left) opts.report.step('left', line, 'same');
  return result;
}
