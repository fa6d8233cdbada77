import type { Context } from 'aws-lambda';
import { isFanoutFollower, type CacheState, type FanoutEvent, type FollowerAnswer, type KeepWarmEvent, type LeaderAnswer, type WarmAnswer } from '../contracts/keep-warm';
import { containerId } from './container';
import { clampConcurrency, fixedHoldMs, holdMs, MAX_HOLD_MS, primeEnabled } from './config';
import { ceilingMs, holdForTick, nextHoldMs, rememberHold, spreadOf } from './hold';
import { compileCacheState, prime, primeSecrets, type PrimeResult } from './app-loader';
import { fanOut, type FanoutResult } from './fanout';

/*
 * Log contract, read by `zap tail` and `zap status`: every warm invocation writes exactly ONE
 * line to stdout, via console.log, that is the JSON object it answers, starting `{"zap":"keep_warm"`.
 * The leader's line has role "leader", asked, held, cold_containers, apps_ready, errors,
 * duration_ms; a follower's has role "follower" and fanout {id, index}; both carry compile_cache
 * (hit | miss | off: how that container loaded the app), which `zap status` reads. The shape is
 * WarmAnswer in src/contracts/keep-warm.ts. Anything else a warm invocation logs goes to stderr.
 */

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function primeIfEnabled(context: Context): Promise<PrimeResult & { compile_cache: CacheState }> {
  const primed = primeEnabled() ? await prime(context) : await primeSecrets();
  return { ...primed, compile_cache: compileCacheState() };
}

function emit<T extends WarmAnswer>(answer: T): T {
  console.log(JSON.stringify(answer));
  return answer;
}

/** The hold the leader sent, else the function's own (a leader older than adaptive holds sends none). */
function followerHold(event: FanoutEvent): number {
  const sent = event.fanout.hold_ms;
  if (typeof sent !== 'number' || !Number.isFinite(sent) || sent < 0) return holdMs();
  rememberHold(clampConcurrency(event.concurrency), sent);
  return Math.min(sent, MAX_HOLD_MS);
}

/** The hold starts before priming, so a follower answers after max(hold, boot): never mid-boot, frozen. */
async function follow(event: FanoutEvent, context: Context, cold: boolean): Promise<FollowerAnswer> {
  const started_at = Date.now();
  const hold_ms = followerHold(event);
  const held = sleep(hold_ms);
  const primed = await primeIfEnabled(context);
  await held;
  const { id, index } = event.fanout;
  return emit({ zap: 'keep_warm', role: 'follower', container: containerId, cold, ...primed, fanout: { id, index }, hold_ms, started_at });
}

/** Counts distinct containers among the leader and every follower that answered. */
export function summarise(results: FanoutResult[], self: { container: string; cold: boolean; app_ready: boolean }) {
  const containers = new Map<string, { cold: boolean; ready: boolean }>([[self.container, { cold: self.cold, ready: self.app_ready }]]);
  const errors: LeaderAnswer['errors'] = [];
  for (const r of results) {
    if (!r.answer) {
      errors.push({ index: r.index, error: r.error ?? 'no answer' });
      continue;
    }
    const seen = containers.get(r.answer.container);
    containers.set(r.answer.container, { cold: r.answer.cold || (seen?.cold ?? false), ready: r.answer.app_ready || (seen?.ready ?? false) });
  }
  const all = [...containers.values()];
  return { held: containers.size, cold_containers: all.filter((c) => c.cold).length, apps_ready: all.filter((c) => c.ready).length, errors };
}

/** Fans out first (priming would block the event loop before the invokes leave), then primes. */
async function lead(event: KeepWarmEvent, context: Context, cold: boolean): Promise<LeaderAnswer> {
  const started = Date.now();
  const asked = clampConcurrency(event.concurrency);
  const remaining = typeof context.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : undefined;
  const ceiling = ceilingMs(remaining);
  const fixed = fixedHoldMs();
  const hold_ms = fixed ?? holdForTick(asked, ceiling);
  const results = asked > 1 ? await fanOut(context, asked, hold_ms) : [];
  const primed = await primeIfEnabled(context);
  const summary = summarise(results, { container: containerId, cold, app_ready: primed.app_ready });
  // Warm followers only: a cold one starts its handler after its init, long after its call was routed.
  const starts = results.flatMap((r) => {
    const at = (r.answer as Partial<FollowerAnswer> | undefined)?.started_at;
    return typeof at === 'number' && !r.answer!.cold ? [at] : [];
  });
  const spread_ms = spreadOf(starts) ?? null;
  // Failed calls (throttles, errors) are not fixed by a longer hold: only calls that landed on a container already answered are.
  const seen = { holdMs: hold_ms, asked: asked - summary.errors.length, held: summary.held, spreadMs: spread_ms ?? undefined, measured: starts.length + 1 };
  const next_hold_ms = fixed ?? (asked > 1 ? nextHoldMs(seen, ceiling) : hold_ms);
  if (fixed === undefined && asked > 1) rememberHold(asked, next_hold_ms);
  return emit({
    zap: 'keep_warm',
    role: 'leader',
    container: containerId,
    cold,
    ...primed,
    asked,
    ...summary,
    duration_ms: Date.now() - started,
    hold_ms,
    next_hold_ms,
    spread_ms,
  });
}

export function keepWarm(event: KeepWarmEvent, context: Context, cold: boolean): Promise<WarmAnswer> {
  return isFanoutFollower(event) ? follow(event, context, cold) : lead(event, context, cold);
}
