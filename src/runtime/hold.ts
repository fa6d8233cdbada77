// How long followers hold their container at a keep-warm tick: long enough that the leader's last
// fan-out call lands while every earlier follower is still busy (else it reuses one and a container
// goes unheld), short enough not to bill N × hold for nothing. The leader sizes it from N, then
// from what each tick showed: how far apart the followers started, and whether all were held.

/** Floor of an adaptive hold, and the hold of a follower whose leader sent none. */
export const MIN_HOLD_MS = 200;
/**
 * Cost bound: N followers × hold is billed at every tick. 10 s × 100 containers at 512 MB every
 * 5 minutes is about 4.3 million GB-s a month, some $72, still well under provisioned
 * concurrency for 100 (some $540): past that, provisioned concurrency is the tool.
 */
export const COST_BOUND_HOLD_MS = 10_000;
/** A leader's answer needs this much of its own time after the last follower answered. */
const DEADLINE_MARGIN_MS = 1_000;

import { startHoldMs } from '../contracts/keep-warm';

export { startHoldMs };

/** The longest hold the function's timeout allows the leader (which waits for every follower) and the cost bound. */
export function ceilingMs(remainingMs: number | undefined): number {
  if (remainingMs === undefined || !Number.isFinite(remainingMs)) return COST_BOUND_HOLD_MS;
  return Math.max(MIN_HOLD_MS, Math.min(COST_BOUND_HOLD_MS, Math.floor((remainingMs - DEADLINE_MARGIN_MS) / 2)));
}

export interface TickSeen {
  holdMs: number;
  asked: number;
  held: number;
  /** Latest warm follower's start minus earliest, or undefined with fewer than two. */
  spreadMs?: number;
  /** How many warm followers that spread was measured on (undefined: all that answered). */
  measured?: number;
}

/**
 * The next tick's hold: at least 1.5 × the start spread seen (+50 ms); doubled while fewer
 * containers answered than were asked; otherwise shortened by a quarter towards that need, but only
 * when the spread was seen on at least half the followers: at the first tick after a deploy most
 * start cold, their calls are routed before their init, and the few warm ones say nothing of how
 * long N warm calls take to land (shortened on them, the next tick left containers unheld).
 */
export function nextHoldMs(t: TickSeen, ceiling: number): number {
  const needed = t.spreadMs === undefined ? 0 : Math.ceil(t.spreadMs * 1.5 + 50);
  const representative = t.measured === undefined || t.measured * 2 >= t.asked;
  const next = t.held < t.asked ? Math.max(t.holdMs * 2, needed) : Math.max(needed, representative ? Math.floor(t.holdMs * 0.75) : t.holdMs);
  return Math.min(ceiling, Math.max(MIN_HOLD_MS, next));
}

/**
 * The hold the fleet used last, in this container's memory: a leader keeps what it decided, a
 * follower what its leader sent, so whichever container leads the next tick starts from it.
 */
let fleet: { n: number; holdMs: number } | undefined;

export function rememberHold(n: number, holdMs: number): void {
  fleet = { n, holdMs };
}

/** This tick's hold for N: the remembered one when it was for the same N, else the first guess. */
export function holdForTick(n: number, ceiling: number): number {
  const base = fleet?.n === n ? fleet.holdMs : startHoldMs(n);
  return Math.min(ceiling, Math.max(MIN_HOLD_MS, base));
}

/** Latest minus earliest of the followers' start times (ms since epoch). */
export function spreadOf(starts: number[]): number | undefined {
  return starts.length < 2 ? undefined : Math.max(...starts) - Math.min(...starts);
}
