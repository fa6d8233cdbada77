// The figures `zap status` reads from one pass over the logs: REPORT lines (durations, Init Duration
// on cold starts) and keep-warm lines (which requests were warm pings; the leader's summary).
import type { LogEvent } from './follow';
import { parseLine, type Report } from './log-line';
import { percentile } from './percentile';

export interface ColdStarts {
  /** User-facing invocations (keep-warm pings left out) whose REPORT falls in the window. */
  invocations: number;
  /** Of those, how many started a new execution environment (their REPORT has Init Duration). */
  cold: number;
  /** cold / invocations, or null with no invocations. */
  rate: number | null;
  p50_ms: number | null;
  p95_ms: number | null;
  max_ms: number | null;
  /** Invocations whose REPORT says Status: timeout or error. */
  failed: number;
}

export interface Tick {
  time: string;
  timestamp: number;
  asked: number;
  held: number;
  /** Containers that were cold when the tick reached them (started by the tick itself). */
  cold: number;
  errors: number;
  /** Errors that were throttles: the account or function concurrency limit stopped the fan-out. */
  throttles: number;
  error_messages: string[];
  /** How the leader's container loaded the app (null from a handler older than the compile cache). */
  compile_cache?: 'hit' | 'miss' | 'off' | null;
  app_ready?: boolean;
  /** The hold the leader sent its followers (null from a handler older than adaptive holds). */
  hold_ms?: number | null;
}

export interface WarmWindow {
  /** Leader summaries (schedule firings that completed) in the window. */
  ticks: number;
  /** Keep-warm invocations (leaders and followers) in the window. */
  invocations: number;
  /** Of those, cold starts: containers the warming itself had to start. */
  cold: number;
  /** Billed Duration summed over those invocations (REPORT lines): what the keep-warm bill is priced from. */
  billed_ms: number;
}

export interface Figures {
  coldStarts: ColdStarts;
  warm: WarmWindow;
  lastTick?: Tick;
}

const THROTTLE = /TooManyRequests|Throttl|Rate Exceeded|ConcurrentInvocationLimitExceeded/i;

/** Events may start before `since` (to learn which requests were warm); only REPORTs and ticks at or after it count. */
export function figures(events: readonly LogEvent[], since: number): Figures {
  const warmIds = new Set<string>();
  const internalIds = new Set<string>();
  const reports: { at: number; report: Report }[] = [];
  let lastTick: Tick | undefined;
  let ticks = 0;
  for (const e of events) {
    const line = parseLine(e.message);
    if (line.kind === 'report') reports.push({ at: e.timestamp, report: line });
    // Deploy's compile-cache request is zap's own: neither a user's request nor a keep-warm ping.
    if (line.kind === 'app' && line.zapInternal && line.requestId) internalIds.add(line.requestId);
    if (line.kind !== 'app' || !line.warm) continue;
    if (line.requestId) warmIds.add(line.requestId);
    const w = line.warm;
    if (w.role !== 'leader' || typeof w.asked !== 'number' || typeof w.held !== 'number' || e.timestamp < since) continue;
    ticks += 1;
    if (!lastTick || e.timestamp >= lastTick.timestamp) {
      const errors = w.errors ?? [];
      lastTick = {
        time: new Date(e.timestamp).toISOString(), timestamp: e.timestamp, asked: w.asked, held: w.held, cold: w.cold_containers ?? 0,
        errors: errors.length, throttles: errors.filter((x) => THROTTLE.test(x.error)).length, error_messages: [...new Set(errors.map((x) => x.error))].slice(0, 3),
        compile_cache: w.compile_cache ?? null, app_ready: w.app_ready === true, hold_ms: typeof w.hold_ms === 'number' ? w.hold_ms : null,
      };
    }
  }
  const user: Report[] = [];
  const warm = { ticks, invocations: 0, cold: 0, billed_ms: 0 };
  for (const { at, report } of reports) {
    if (at < since || internalIds.has(report.requestId)) continue;
    if (warmIds.has(report.requestId)) {
      warm.invocations += 1;
      warm.billed_ms += report.billedMs ?? Math.max(1, Math.ceil(report.durationMs));
      if (report.initMs !== undefined) warm.cold += 1;
    } else user.push(report);
  }
  return { coldStarts: coldStartFigures(user), warm, ...(lastTick ? { lastTick } : {}) };
}

export function coldStartFigures(reports: readonly Report[]): ColdStarts {
  const inits = reports.flatMap((r) => (r.initMs === undefined ? [] : [r.initMs]));
  const n = reports.length;
  return {
    invocations: n,
    cold: inits.length,
    rate: n ? inits.length / n : null,
    p50_ms: percentile(inits, 50) ?? null,
    p95_ms: percentile(inits, 95) ?? null,
    max_ms: inits.length ? inits.reduce((a, b) => Math.max(a, b)) : null,
    failed: reports.filter((r) => r.status === 'timeout' || r.status === 'error').length,
  };
}
