// The tune table from the samples, as pure arithmetic: percentiles, billed ms, $ per 1M requests,
// keep-warm per month at each size, the limits a cold start would pass, and the recommendation.
import { estimatedWarmBilledMs, keepWarmBill, perMillionUsd } from '../cost/bill';
import type { Prices } from '../cost/prices';
import { percentile } from '../observe/percentile';
import type { Sample } from './invoke-timed';
import type { SizeSamples } from './measure-size';

/** API Gateway's integration timeout: a request whose function has not answered by then gets a 503. */
export const API_GATEWAY_LIMIT_MS = 30_000;

export interface TuneRow {
  memory_mb: number;
  cold_starts: number;
  /** Init Duration from REPORT (p50, max over the forced cold starts). */
  init_ms: { p50: number | null; max: number | null };
  /** The cold request's answer as the caller saw it (init plus the request itself). */
  first_answer_ms: { p50: number | null; max: number | null };
  /** REPORT Duration of the warm requests. */
  warm_ms: { p50: number | null; p95: number | null };
  warm_requests: number;
  /** Mean Billed Duration of a warm request. */
  billed_ms: number | null;
  usd_per_million: number | null;
  /** The stage's keep-warm (N, schedule) at this size; null when keep-warm is off. */
  keep_warm_usd_month: number | null;
  keep_warm_billed_ms: number | null;
  over_api_gateway: boolean;
  over_timeout: boolean;
  errors: string[];
}

export interface TableContext {
  prices: Prices;
  keepWarm: { containers: number; periodMs: number | undefined };
  timeoutSeconds: number;
  goalP95Ms?: number;
}

export interface Recommendation {
  memory_mb: number | null;
  why: string;
}

const p = (values: number[], q: number) => percentile(values, q) ?? null;
const max = (values: number[]) => (values.length ? Math.max(...values) : null);
const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

function failures(samples: Sample[]): string[] {
  return samples.flatMap((s) => (s.error ? [s.error] : s.status !== undefined && s.status >= 500 ? [`HTTP ${s.status}`] : []));
}

export function tuneRow(s: SizeSamples, ctx: TableContext): TuneRow {
  const first = s.cold.map((x) => x.wall_ms);
  const warm = s.warm.filter((x) => !x.error);
  const billed = mean(warm.map((x) => x.billed_ms));
  const kw = keepWarmAt(s, ctx);
  const worst = max(first) ?? 0;
  const timedOut = s.cold.some((x) => x.error === 'Status: timeout');
  return {
    memory_mb: s.memory_mb,
    cold_starts: s.cold.length,
    init_ms: { p50: p(s.cold.flatMap((x) => (x.init_ms === undefined ? [] : [x.init_ms])), 50), max: max(s.cold.flatMap((x) => (x.init_ms === undefined ? [] : [x.init_ms]))) },
    first_answer_ms: { p50: p(first, 50), max: max(first) },
    warm_ms: { p50: p(warm.map((x) => x.duration_ms), 50), p95: p(warm.map((x) => x.duration_ms), 95) },
    warm_requests: s.warm.length,
    billed_ms: billed,
    usd_per_million: billed === null ? null : perMillionUsd(billed, s.memory_mb, ctx.prices),
    keep_warm_usd_month: kw?.usd ?? null,
    keep_warm_billed_ms: kw?.billed ?? null,
    over_api_gateway: worst > API_GATEWAY_LIMIT_MS,
    over_timeout: timedOut || worst > ctx.timeoutSeconds * 1000,
    errors: [...new Set([...failures(s.cold), ...failures(s.warm)])],
  };
}

/** N containers every period at this size: a lone ping bills what was measured; followers hold at least the runtime's hold. */
function keepWarmAt(s: SizeSamples, ctx: TableContext): { usd: number; billed: number } | undefined {
  const { containers, periodMs } = ctx.keepWarm;
  if (containers < 1 || !periodMs || !s.keep_warm_ping || s.keep_warm_ping.error) return undefined;
  const billed = containers === 1 ? s.keep_warm_ping.billed_ms : Math.max(s.keep_warm_ping.billed_ms, estimatedWarmBilledMs(containers));
  const bill = keepWarmBill({ containers, periodMs, memoryMb: s.memory_mb, billedMs: billed, billedFrom: containers === 1 ? 'measured' : 'estimate', prices: ctx.prices });
  return { usd: bill.usd, billed };
}

/** The cheapest size per request among those that answered within the limits and, with a goal, within warm p95. */
export function recommend(rows: TuneRow[], goalP95Ms?: number): Recommendation {
  const sound = rows.filter((r) => !r.errors.length && !r.over_api_gateway && !r.over_timeout && r.usd_per_million !== null);
  const within = goalP95Ms === undefined ? sound : sound.filter((r) => r.warm_ms.p95 !== null && r.warm_ms.p95 <= goalP95Ms);
  const best = [...within].sort((a, b) => a.usd_per_million! - b.usd_per_million! || a.memory_mb - b.memory_mb)[0];
  if (best) {
    return { memory_mb: best.memory_mb, why: goalP95Ms === undefined ? 'the cheapest per request that started within the limits (give --goal-p95 to set a latency goal)' : `the cheapest per request with warm p95 ≤ ${goalP95Ms} ms` };
  }
  if (!sound.length) return { memory_mb: null, why: 'no size answered within the limits' };
  const fastest = [...sound].sort((a, b) => a.warm_ms.p95! - b.warm_ms.p95!)[0]!;
  return { memory_mb: null, why: `no size meets warm p95 ≤ ${goalP95Ms} ms; the fastest was ${fastest.memory_mb} MB at ${fastest.warm_ms.p95} ms` };
}
