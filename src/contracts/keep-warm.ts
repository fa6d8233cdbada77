/**
 * The keep-warm wire contract: the event the EventBridge rule, deploy and a fanning-out leader send,
 * and the answer zap's handler returns and logs as one JSON line per warm invocation (src/runtime
 * writes it; deploy, `zap status` and `zap tail` read it). See docs/architecture.md.
 */
import { isObject } from './json';

/** What the EventBridge rule sends as its constant input, and what deploy sends a new version. */
export interface KeepWarmEvent {
  zap: 'keep_warm';
  concurrency?: unknown;
  fanout?: unknown;
}

/** A warm event a leader sent to one of its own followers; `hold_ms` is how long the follower stays busy. */
export interface FanoutEvent extends KeepWarmEvent {
  fanout: { id: string; index: number; hold_ms?: number };
}

/** The one builder of the event: `{"zap":"keep_warm","concurrency":N}`, plus `fanout` from a leader to a follower. */
export function keepWarmEvent(concurrency: number): { zap: 'keep_warm'; concurrency: number };
export function keepWarmEvent(concurrency: number, fanout: FanoutEvent['fanout']): FanoutEvent & { concurrency: number };
export function keepWarmEvent(concurrency: number, fanout?: FanoutEvent['fanout']): KeepWarmEvent {
  return { zap: 'keep_warm', concurrency, ...(fanout && { fanout }) };
}

/** EventBridge delivers a rule's constant input as the whole event, so the top-level marker is all there is. */
export function isKeepWarmEvent(event: unknown): event is KeepWarmEvent {
  return isObject(event) && event.zap === 'keep_warm';
}

/** Only a leader adds `fanout`; a follower that fanned out again would turn one ping into a storm. */
export function isFanoutFollower(event: KeepWarmEvent): event is FanoutEvent {
  return isObject(event.fanout);
}

/** How a container loaded the app: from the shipped compile cache, from source, or cache off ("miss" before the app is loaded). */
export type CacheState = 'hit' | 'miss' | 'off';

/** What every warm invocation answers and logs. */
export interface WarmAnswer {
  zap: 'keep_warm';
  role: 'leader' | 'follower';
  container: string;
  cold: boolean;
  app_ready: boolean;
  app_error?: string;
  compile_cache?: CacheState;
}

export interface FollowerAnswer extends WarmAnswer {
  role: 'follower';
  fanout: { id: string; index: number };
  /** How long it held its container, and when its invocation started (ms since epoch): the leader sizes the next hold from these. */
  hold_ms: number;
  started_at: number;
}

export interface LeaderAnswer extends WarmAnswer {
  role: 'leader';
  /** How many were asked, how many distinct containers answered, how many of those were cold. */
  asked: number;
  held: number;
  cold_containers: number;
  /** Distinct containers whose app was booted when they answered. */
  apps_ready: number;
  errors: { index: number; error: string }[];
  duration_ms: number;
  /** The hold its followers were sent this tick, the one the next tick will use, and how far apart the warm followers started (null with fewer than two). */
  hold_ms: number;
  next_hold_ms: number;
  spread_ms: number | null;
}

/** What a reader may find in a warm answer or warm log line: the leader's summary fields only on a leader's. */
export type KeepWarmAnswer = Omit<WarmAnswer, 'role'> & { role?: WarmAnswer['role'] } & Partial<Omit<LeaderAnswer, keyof WarmAnswer>>;

/** Any warm answer or warm log line: an object with zap = "keep_warm" and a container id. */
export function isKeepWarmAnswer(v: unknown): v is KeepWarmAnswer {
  return isObject(v) && v.zap === 'keep_warm' && typeof v.container === 'string';
}

/**
 * The followers' first hold, before any tick was seen (the runtime adapts it from there; the
 * keep-warm bill estimates with it): the leader's N−1 invokes leave over a few ms each at its CPU
 * share (a third of a vCPU at 512 MB), more on a busy host; 1 s for 100.
 */
export function startHoldMs(n: number): number {
  return 500 + 5 * n;
}
