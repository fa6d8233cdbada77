/**
 * What zap's handler answers to a keep-warm event and logs as one JSON line per warm invocation
 * (src/runtime writes it; deploy, status and tail read it).
 */
export interface KeepWarmAnswer {
  zap: 'keep_warm';
  role?: 'leader' | 'follower';
  container: string;
  cold: boolean;
  app_ready: boolean;
  app_error?: string;
  compile_cache?: 'hit' | 'miss' | 'off';
  /** Leader only: how many were asked, how many distinct containers answered, how many of those were cold. */
  asked?: number;
  held?: number;
  cold_containers?: number;
  apps_ready?: number;
  errors?: { index: number; error: string }[];
  duration_ms?: number;
}

/** Any warm answer or warm log line: an object with zap = "keep_warm" and a container id. */
export function isKeepWarmAnswer(v: unknown): v is KeepWarmAnswer {
  return typeof v === 'object' && v !== null && (v as KeepWarmAnswer).zap === 'keep_warm' && typeof (v as KeepWarmAnswer).container === 'string';
}

/** The leader's summary: the line `zap status` reads to say how many containers were held. */
export function isLeaderSummary(v: unknown): v is KeepWarmAnswer & { role: 'leader'; asked: number; held: number } {
  return isKeepWarmAnswer(v) && v.role === 'leader' && typeof v.asked === 'number' && typeof v.held === 'number';
}

/**
 * What the handler answers to `{"zap":"compile_cache"}` (deploy sends it to $LATEST): "hit" when the
 * shipped cache fits this runtime (no new one made); otherwise, unless off, a new cache file made
 * here after a warm-up request, base64 in `file`, or `skipped` saying why not.
 */
export interface CompileCacheAnswer {
  zap: 'compile_cache';
  compile_cache: 'hit' | 'miss' | 'off';
  runtime: { node: string; arch: string; v8: string };
  bundle?: string;
  source_sha256?: string;
  /** Why the shipped cache, if any, was not used. */
  reason?: string;
  file?: string;
  bytes?: number;
  skipped?: string;
  app_error?: string;
}

export function isCompileCacheAnswer(v: unknown): v is CompileCacheAnswer {
  const a = v as CompileCacheAnswer;
  return typeof v === 'object' && v !== null && a.zap === 'compile_cache' && ['hit', 'miss', 'off'].includes(a.compile_cache) && typeof a.runtime === 'object';
}
