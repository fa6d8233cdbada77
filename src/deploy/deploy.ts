import type { AwsClients } from '../aws/clients';
import { getFunction } from '../aws/lambda';
import { accountId } from '../aws/sts';
import { UserError } from '../core/errors';
import type { Reporter } from '../core/output';
import type { StageSettings } from '../settings/types';
import type { Change, DeployContext } from './context';
import { Progress } from './progress';
import { ALIAS, namesFor } from '../contracts/names';
import { ensureAlias } from './steps/alias';
import { ensureApiGateway } from './steps/api-gateway';
import { ensureCompileCache } from './steps/compile-cache';
import { type Artifact, ensureFunction } from './steps/function';
import { ensureKeepWarm } from './steps/keep-warm';
import { checkSecrets } from './steps/secrets';
import { ensureTasks } from './steps/tasks';
import { ensureLogGroup } from './steps/logs';
import { prewarmVersion } from './steps/prewarm';
import { pruneVersions } from './steps/prune';
import { ensureRole } from './steps/role';
import { ensureUrl } from './steps/url';
import { ensureVersion } from './steps/version';
import { preflight } from './preflight';
import { settleRolePolicy } from './steps/role-policy';
import { type DomainOutcome, ensureDomain } from './steps/domain';

export interface DeployResult {
  url?: string;
  function: string;
  version?: string;
  alias: string;
  changed: boolean;
  plan: boolean;
  changes: Change[];
  /** What $LATEST runs: the artifact given, or a new one with the compile cache deploy added. */
  artifact: Artifact;
  /** The custom domain (zap.json `domain`) and the DNS record it needs. */
  domain?: DomainOutcome;
}

export interface DeployOptions {
  clients: AwsClients;
  settings: StageSettings;
  artifact: Artifact;
  report: Reporter;
  plan?: boolean;
  /** `zap update`: the stage must already be deployed. */
  requireExisting?: boolean;
  /** `zap update`: ask $LATEST about its compile cache even when nothing suggests it went stale. */
  refreshCompileCache?: boolean;
  /** Where the deploy is, for a Ctrl-C to stop it between steps and say so. */
  progress?: Progress;
}

/**
 * Every step is an idempotent "ensure": run it twice and the second run changes nothing; stop it
 * anywhere and the next run completes the work. Traffic moves (alias) only after the new version
 * answered its prewarm.
 */
export async function deploy(opts: DeployOptions): Promise<DeployResult> {
  const { clients, settings } = opts;
  const names = namesFor(settings);
  const p = opts.progress ?? new Progress({}, `zap deploy ${settings.stage}`);
  const ctx: DeployContext = { clients, settings, names, plan: opts.plan ?? false, changes: [], report: opts.report, checkStop: () => p.check('function') };
  if (opts.requireExisting && !(await getFunction(clients, names.function))) {
    throw new UserError(`stage '${settings.stage}' is not deployed (no function ${names.function}); run \`zap deploy ${settings.stage}\` first`);
  }
  const account = await accountId(clients);
  await preflight(clients, settings, opts.report);
  await checkSecrets(ctx);
  await p.run('log group', () => ensureLogGroup(ctx));
  const role = await p.run('role', () => ensureRole(ctx, account));
  const fn = await p.run('function', async () => {
    const out = await ensureFunction(ctx, role.arn, role.fresh, opts.artifact);
    await settleRolePolicy(ctx, account);
    return out;
  });
  const cache = await p.run('compile cache', () => ensureCompileCache(ctx, opts.artifact, fn, { refresh: opts.refreshCompileCache ?? false }));
  const latest = cache.configuration;
  const planned = ctx.plan && (fn.created || fn.codeChanged || fn.configChanged);
  const { version, serving } = await p.run('version', () => ensureVersion(ctx, latest, { planned }));
  if (version && version !== serving) await p.run('prewarm', () => prewarmVersion(ctx, version));
  else p.skip('prewarm');
  await p.run('alias live', () => ensureAlias(ctx, version));
  const functionArn = latest?.FunctionArn ?? `arn:aws:lambda:${clients.region}:${account}:function:${names.function}`;
  const aliasArn = `${functionArn}:${ALIAS}`;
  const { url, domain } = await p.run('http entry', () => ensureHttpEntry(ctx, aliasArn, account));
  await p.run('keep-warm rule', () => ensureKeepWarm(ctx, aliasArn));
  await p.run('tasks', () => ensureTasks(ctx, aliasArn));
  await p.run('prune', () => pruneVersions(ctx));
  return { url, function: names.function, version, alias: ALIAS, changed: ctx.changes.length > 0, plan: ctx.plan, changes: ctx.changes, artifact: cache.artifact, domain };
}

/**
 * The wanted HTTP entry first, then the other one removed, so a switch never leaves the stage without
 * one. The custom domain follows the API, and goes before it.
 */
async function ensureHttpEntry(ctx: DeployContext, aliasArn: string, account: string): Promise<{ url?: string; domain?: DomainOutcome }> {
  if (ctx.settings.http === 'api_gateway') {
    const api = await ensureApiGateway(ctx, aliasArn, account);
    const domain = await ensureDomain(ctx, api.apiId);
    await ensureUrl(ctx);
    return { url: api.url, domain };
  }
  const url = await ensureUrl(ctx);
  await ensureDomain(ctx, undefined);
  await ensureApiGateway(ctx, aliasArn, account);
  return { url: url.url };
}
