// `zap status`: what is deployed, and from one bounded pass over the logs, whether warming works.
import type { AwsClients } from '../aws/clients';
import { getRule } from '../aws/events';
import { getAlias, getUrl } from '../aws/lambda-access';
import { apiUrl, findApisToCleanUp, pickApi } from '../aws/apigateway';
import { getFunction, listVersions } from '../aws/lambda';
import { UserError } from '../core/errors';
import { ALIAS, KEEP_WARM_TARGET_ID, namesFor } from '../contracts/names';
import { ZAP_LINES_PATTERN } from '../contracts/zap-log';
import { schedulePeriodMs } from '../settings/schedule-expression';
import type { StageSettings } from '../settings/types';
import { logFetcher } from './fetch';
import { figures, type ColdStarts } from './figures';
import { pollLogEvents, type LogEvent } from './follow';
import { keepWarmStatus, type KeepWarmStatus } from './keep-warm-status';
import { compileCacheStatus, type CompileCacheStatus } from './compile-cache-status';
import { keepWarmCost, type KeepWarmCost } from '../cost/keep-warm';
import { taskStatus, type TaskStatus } from './task-status';
import { networkStatus, type NetworkStatus } from './network-status';

export interface StatusReport {
  stage: string;
  region: string;
  function: {
    name: string;
    runtime: string | null;
    architecture: string | null;
    memory_mb: number | null;
    timeout_s: number | null;
    code_size_bytes: number | null;
    /** The version alias `live` points at. */
    version: string | null;
    /** Published versions kept for rollback, oldest first. */
    versions: string[];
    url: string | null;
    last_modified: string | null;
  };
  /** VPC, tracing and custom domain, as deployed. */
  network: NetworkStatus;
  keep_warm: KeepWarmStatus;
  /** What keep-warm costs a month at the deployed settings, beside provisioned concurrency for the same N. */
  keep_warm_cost: KeepWarmCost;
  compile_cache: CompileCacheStatus;
  cold_starts: ColdStarts & { since: string };
  /** Scheduled tasks (zap.json `events`): schedule, last run and result. */
  tasks?: TaskStatus[];
  logs: { group: string; found: boolean; truncated: boolean };
  warnings: string[];
}

/** Lambda names a log stream `YYYY/MM/DD/[<version>]<id>`. */
const LATEST_STREAM = '[$LATEST]';

/** One pass gets both kinds of line: ?term OR-s terms in CloudWatch's filter syntax. */
export const STATUS_PATTERN = `?"REPORT RequestId" ${ZAP_LINES_PATTERN}`;

/** Where HTTP reaches the function: the API's endpoint for `http: api_gateway`, else the Function URL on `live`. */
async function httpUrl(c: AwsClients, s: StageSettings, n: ReturnType<typeof namesFor>): Promise<string | undefined> {
  if (s.http !== 'api_gateway') return getUrl(c, n.function, ALIAS);
  const { owned } = pickApi(await findApisToCleanUp(c, n.function), n);
  return owned && apiUrl(owned.endpoint);
}

export async function gatherStatus(c: AwsClients, s: StageSettings, opts: { since: number; now?: number; maxPages?: number }): Promise<StatusReport> {
  const now = opts.now ?? Date.now();
  const n = namesFor(s);
  const fn = await getFunction(c, n.function, ALIAS) ?? (await getFunction(c, n.function));
  if (!fn) throw new UserError(`${n.function} is not deployed in ${c.region}: run zap deploy ${s.stage}`);
  const [alias, versions, url, rule, network] = await Promise.all([
    getAlias(c, n.function, ALIAS), listVersions(c, n.function), httpUrl(c, s, n), getRule(c, n.rule), networkStatus(c, n, fn.configuration),
  ]);
  // A warm request's keep_warm line may come just before the window while its REPORT is in it.
  const { events, found, truncated } = await readWindow(c, n.logGroup, opts.since - (s.timeout_seconds + 1) * 1000, opts.maxPages);
  // What the stage serves runs as published versions; $LATEST's streams hold `zap tune`'s forced cold
  // starts and pings (and deploy's compile-cache request), which are no user's and no tick's.
  const f = figures(events.filter((e) => !e.logStreamName?.includes(LATEST_STREAM)), opts.since);
  const tasks = await taskStatus(c, s, n, opts.since);
  const target = rule?.targets.find((t) => t.Id === KEEP_WARM_TARGET_ID) ?? rule?.targets[0];
  const expr = rule?.scheduleExpression;
  const kw = keepWarmStatus({
    configured: s.keep_warm,
    rule: rule && { scheduleExpression: expr, state: rule.state, concurrency: concurrencyOf(target?.Input) },
    periodMs: expr ? schedulePeriodMs(expr) : undefined,
    lastTick: f.lastTick,
    window: f.warm,
    now,
  });
  const cfg = fn.configuration;
  const w = f.warm;
  // Priced from what is deployed (the rule's N and period, the function's memory), as billed in the window's logs.
  const cost = keepWarmCost({
    containers: kw.status.enabled ? kw.status.asked : 0, periodMs: kw.status.period_ms ?? undefined, memoryMb: cfg.MemorySize ?? s.memory_size,
    architecture: cfg.Architectures?.[0] ?? s.architecture, region: c.region, priceOverrides: s.prices,
    seenBilledMs: w.invocations ? w.billed_ms / w.invocations : undefined,
  });
  const cc = compileCacheStatus(s.stage, cfg.Environment?.Variables?.ZAP_COMPILE_CACHE, f.lastTick);
  const warnings = [...kw.warnings, ...cc.warnings];
  if (!found) warnings.push(`no logs yet: ${n.logGroup} does not exist, so the function has not run`);
  if (truncated) warnings.push('the window holds more log lines than status reads: figures cover the oldest part only; try a shorter --since');
  return {
    stage: s.stage,
    region: c.region,
    function: {
      name: n.function,
      runtime: cfg.Runtime ?? null,
      architecture: cfg.Architectures?.[0] ?? null,
      memory_mb: cfg.MemorySize ?? null,
      timeout_s: cfg.Timeout ?? null,
      code_size_bytes: cfg.CodeSize ?? null,
      version: alias?.FunctionVersion ?? null,
      versions: versions.map((v) => v.Version!),
      url: url ?? null,
      last_modified: cfg.LastModified ?? null,
    },
    network,
    keep_warm: kw.status,
    keep_warm_cost: cost,
    compile_cache: cc.status,
    cold_starts: { since: new Date(opts.since).toISOString(), ...f.coldStarts },
    tasks,
    logs: { group: n.logGroup, found, truncated },
    warnings,
  };
}

async function readWindow(c: AwsClients, group: string, startTime: number, maxPages = 50): Promise<{ events: LogEvent[]; found: boolean; truncated: boolean }> {
  for await (const batch of pollLogEvents({ fetchPage: logFetcher(c, group, STATUS_PATTERN), startTime, follow: false, maxPages })) {
    return { events: batch.events, found: !batch.missing, truncated: batch.truncated };
  }
  return { events: [], found: false, truncated: false };
}

/** The rule's constant input: {"zap":"keep_warm","concurrency":N}. */
function concurrencyOf(input: string | undefined): number | undefined {
  try {
    const n = (JSON.parse(input ?? '') as { concurrency?: unknown }).concurrency;
    return typeof n === 'number' ? n : undefined;
  } catch {
    return undefined;
  }
}
