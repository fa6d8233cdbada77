/**
 * The compile-cache wire contract: deploy invokes $LATEST with `{"zap":"compile_cache"}` and the
 * handler answers with a cache made by the runtime that will run the code (src/runtime/compile-cache-event.ts).
 */
import { isObject } from './json';
import type { CacheState } from './keep-warm';
import type { RuntimeId } from './compile-cache-format';

/**
 * The function's environment variable naming the path of a warm-up request sent through the app
 * before the cache is made (zap.json `compile_cache_warmup_path`); unset, no request is sent.
 */
export const WARMUP_PATH_ENV = 'ZAP_COMPILE_CACHE_WARMUP_PATH';

/**
 * The function's environment variable that turns the eager cache on ("on", "true" or "1"): the
 * cache then holds every function of the bundle, not only what booting compiled. Off by default.
 */
export const EAGER_ENV = 'ZAP_COMPILE_CACHE_EAGER';

export interface CompileCacheEvent {
  zap: 'compile_cache';
}

export function compileCacheEvent(): CompileCacheEvent {
  return { zap: 'compile_cache' };
}

/** Deploy invokes the function directly with this marker, never through HTTP or EventBridge. */
export function isCompileCacheEvent(event: unknown): event is CompileCacheEvent {
  return isObject(event) && event.zap === 'compile_cache';
}

/**
 * The answer: "hit" when the shipped cache fits this runtime (no new one made); otherwise, unless
 * off, a new cache file made here after the app booted (and after the warm-up request, when one is
 * set), base64 in `file`, or `skipped` saying why not.
 */
export interface CompileCacheAnswer {
  zap: 'compile_cache';
  compile_cache: CacheState;
  runtime: RuntimeId;
  bundle?: string;
  source_sha256?: string;
  /** Why the shipped cache, if any, was not used. */
  reason?: string;
  file?: string;
  bytes?: number;
  skipped?: string;
  app_error?: string;
  /** The path of the warm-up request sent through the app before the cache was made; absent when none was. */
  warmup_path?: string;
  /** Set when EAGER_ENV asked for every function: true when the cache holds them, false when that cache was too big to answer. */
  eager?: boolean;
}

/** The marker, a known cache state and the runtime it ran on: enough to trust the rest as optional fields. */
export function isCompileCacheAnswer(v: unknown): v is CompileCacheAnswer {
  const a = v as CompileCacheAnswer;
  return typeof v === 'object' && v !== null && a.zap === 'compile_cache' && ['hit', 'miss', 'off'].includes(a.compile_cache) && typeof a.runtime === 'object';
}
