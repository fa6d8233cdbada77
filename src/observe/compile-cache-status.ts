// Whether the deployed code starts from its compile cache, from the deployed setting and the last tick.
import type { Tick } from './figures';

export interface CompileCacheStatus {
  /** ZAP_COMPILE_CACHE on the function behind `live` (zap.json `compile_cache`); null when not set. */
  setting: boolean | null;
  /** How the leader's container loaded the app at the last keep-warm tick; null without a tick that says. */
  last_tick: 'hit' | 'miss' | 'off' | null;
}

export function compileCacheStatus(stage: string, deployedSetting: string | undefined, tick: Tick | undefined): { status: CompileCacheStatus; warnings: string[] } {
  const setting = deployedSetting === undefined ? null : deployedSetting !== 'off';
  const status: CompileCacheStatus = { setting, last_tick: tick?.compile_cache ?? null };
  const warnings: string[] = [];
  // Only a container that loaded its app can say "miss" for a reason: before priming, "miss" is all it can say.
  if (setting && tick?.compile_cache === 'miss' && tick.app_ready) {
    warnings.push(`compile cache stale: the last keep-warm tick loaded the app from source, not from the cache (e.g. after a Lambda runtime update): run zap update ${stage}`);
  }
  return { status, warnings };
}
