/** Retries fn while `when(err)` holds, with capped exponential backoff, for at most `attempts` tries. */
export async function retry<T>(fn: () => Promise<T>, opts: { when: (err: unknown) => boolean; attempts?: number; baseMs?: number; maxMs?: number; onRetry?: (err: unknown, attempt: number) => void; checkStop?: () => void }): Promise<T> {
  const attempts = opts.attempts ?? 8;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= attempts || !opts.when(err)) throw err;
      opts.onRetry?.(err, attempt);
      const delay = Math.min(opts.maxMs ?? 5000, (opts.baseMs ?? 250) * 2 ** (attempt - 1));
      await new Promise((r) => setTimeout(r, delay));
      // A Ctrl-C during the wait stops here, before the next attempt (src/deploy/progress.ts).
      opts.checkStop?.();
    }
  }
}
