import { WARMUP_PATH_ENV } from './compile-cache';

/**
 * The variables zap sets on the function beside the user's own, read by src/runtime (config.ts,
 * compile-cache.ts): deploy writes them, and settings counts them in Lambda's 4 KB.
 */
export function zapVariables(s: { prime: boolean; compileCache: boolean; warmupPath?: string; streaming?: boolean }): Record<string, string> {
  return {
    ZAP_KEEP_WARM_PRIME: String(s.prime),
    ZAP_COMPILE_CACHE: s.compileCache ? 'on' : 'off',
    ...(s.warmupPath ? { [WARMUP_PATH_ENV]: s.warmupPath } : {}),
    ...(s.streaming ? { [STREAMING_ENV]: 'on' } : {}),
  };
}

/** zap.json `streaming`: the handler is exported through awslambda.streamifyResponse (src/runtime/index.ts). */
export const STREAMING_ENV = 'ZAP_STREAMING';
