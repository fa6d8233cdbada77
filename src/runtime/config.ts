/** Keep-warm knobs read from the function's environment (deploy sets them from zap.json). */

/** Upper bound on containers held: past that, provisioned concurrency is the right tool. */
export const MAX_CONCURRENCY = 100;

/**
 * A follower's hold when its event names none (a fan-out from an older leader) and
 * ZAP_KEEP_WARM_HOLD_MS is unset or not a number. Leaders size the hold themselves (hold.ts).
 */
export const DEFAULT_HOLD_MS = 200;
/** No hold, fixed or sent by a leader, is longer. */
export const MAX_HOLD_MS = 10_000;

/** Any requested concurrency → a whole number 1..100; bad input never crashes the container. */
export function clampConcurrency(requested: unknown): number {
  const n = typeof requested === 'string' && requested.trim() !== '' ? Number(requested) : requested;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 1) return 1;
  return Math.min(Math.floor(n), MAX_CONCURRENCY);
}

/** A hold set by the function's ZAP_KEEP_WARM_HOLD_MS: fixed, not adapted tick to tick; undefined when unset. */
export function fixedHoldMs(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.ZAP_KEEP_WARM_HOLD_MS;
  return raw === undefined || raw.trim() === '' ? undefined : holdMs(env);
}

export function holdMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.ZAP_KEEP_WARM_HOLD_MS;
  const n = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(n) || n < 0) return DEFAULT_HOLD_MS;
  return Math.min(Math.floor(n), MAX_HOLD_MS);
}

/** Priming is on unless ZAP_KEEP_WARM_PRIME is "false" or "0". */
export function primeEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const raw = (env.ZAP_KEEP_WARM_PRIME ?? '').trim().toLowerCase();
  return raw !== 'false' && raw !== '0';
}
