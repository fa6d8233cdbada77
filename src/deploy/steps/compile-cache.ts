import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import { invoke } from '../../aws/invoke';
import { getFunction, updateCode } from '../../aws/lambda';
import { confirmLocalCache, keepLocalCache, withCacheFile } from '../../package/compile-cache';
import { decodeCacheFile, describeRuntime, type CacheHeader } from '../../contracts/compile-cache-format';
import { compileCacheEvent, isCompileCacheAnswer, type CompileCacheAnswer } from '../../contracts/compile-cache';
import { type DeployContext, unchanged, write } from '../context';
import type { Artifact, FunctionOutcome } from './function';

const STEP = 'compile-cache';

/** What the compile-cache step did (in plan mode: would do). */
export interface CompileCacheOutcome {
  /** $LATEST after the step. */
  configuration?: FunctionConfiguration;
  /** The artifact $LATEST now runs: the one given, or a new one that adds the cache file. */
  artifact: Artifact;
  /** $LATEST's code was (or would be) replaced by one with a new cache. */
  changed: boolean;
}

/** Lambda's runtime version of $LATEST (runtime management); it changes when AWS updates the runtime under the function. */
function runtimeVersionArn(cfg: FunctionConfiguration): string | null {
  return cfg.RuntimeVersionConfig?.RuntimeVersionArn ?? null;
}

export type CompileCacheDecision = 'off' | 'plan-check' | 'plan-make' | 'no-function' | 'keep' | 'ask';

/**
 * Whether to ask $LATEST for a cache. Not asked when the code is unchanged, already holds a cache, and
 * Lambda's runtime version is the one that cache was confirmed on, unless `refresh` says to ask anyway.
 * Plan mode invokes nothing: whether $LATEST's runtime accepts a packaged cache is known only by asking it.
 */
export function compileCacheDecision(o: {
  enabled: boolean;
  plan: boolean;
  packaged: Artifact['compileCache'];
  latest: FunctionConfiguration | undefined;
  codeChanged: boolean;
  refresh: boolean;
}): CompileCacheDecision {
  if (!o.enabled) return 'off';
  if (o.plan) return o.packaged ? 'plan-check' : 'plan-make';
  if (!o.latest) return 'no-function';
  if (o.packaged && !o.codeChanged && !o.refresh && o.packaged.runtimeVersionArn === runtimeVersionArn(o.latest)) return 'keep';
  return 'ask';
}

/**
 * Between $LATEST and the version: asks $LATEST, running in the real runtime (its Node patch version,
 * architecture and V8 flags are known only there), for its compile cache. When the code it runs
 * already ships a cache that fits, it answers "hit" and nothing changes; otherwise it makes one and
 * the same artifact plus that file becomes the new code. Never fails a deploy: without a cache the
 * app only starts slower.
 */
export async function ensureCompileCache(ctx: DeployContext, artifact: Artifact, fn: FunctionOutcome, opts: { refresh: boolean }): Promise<CompileCacheOutcome> {
  const { clients, names: n, settings } = ctx;
  const latest = fn.configuration;
  const same: CompileCacheOutcome = { configuration: latest, artifact, changed: false };
  const decision = compileCacheDecision({
    enabled: settings.compile_cache, plan: ctx.plan, packaged: artifact.compileCache, latest, codeChanged: fn.created || fn.codeChanged, refresh: opts.refresh,
  });
  switch (decision) {
    case 'off':
      unchanged(ctx, STEP, 'off (compile_cache: false)');
      return same;
    case 'plan-check':
      unchanged(ctx, STEP, 'packaged with the code (deploy checks it against $LATEST)');
      return same;
    case 'plan-make':
      await write(ctx, STEP, 'make a compile cache in $LATEST and update code with it', async () => undefined);
      return { ...same, changed: true };
    case 'no-function':
      return same;
    case 'keep':
      unchanged(ctx, STEP, 'packaged with the code; runtime version unchanged since it was made (zap update checks it in $LATEST)');
      return same;
  }
  const out = await invoke(clients, n.function, '$LATEST', compileCacheEvent());
  const answer = out.payload;
  if (out.functionError || !isCompileCacheAnswer(answer)) {
    ctx.report.step(STEP, `skipped: $LATEST did not answer with a cache (${out.functionError ?? 'unexpected answer'}: ${out.raw.slice(0, 200)})`, 'warn');
    return same;
  }
  const runtimeVersion = runtimeVersionArn(latest!);
  const where = describeRuntime(answer.runtime);
  if (answer.compile_cache === 'hit') {
    if (artifact.cacheDir && answer.source_sha256) confirmLocalCache(artifact.cacheDir, settings, answer.source_sha256, runtimeVersion);
    unchanged(ctx, STEP, `used by $LATEST (${where})`);
    return same;
  }
  const file = usableFile(answer);
  if (typeof file === 'string') {
    ctx.report.step(STEP, `skipped: ${file}`, 'warn');
    return same;
  }
  if (artifact.cacheDir) keepLocalCache(artifact.cacheDir, settings, file.bytes, file.header, runtimeVersion);
  const rezipped = await withCacheFile(artifact.zip, file.bytes, artifact.path);
  const why = answer.reason ? ` (${answer.reason})` : '';
  await write(ctx, STEP, `update code with a compile cache made on ${where}, ${(file.bytes.length / 1024).toFixed(0)} KiB${why}`, () =>
    updateCode(clients, n.function, rezipped.zip, settings.architecture),
  );
  return {
    configuration: (await getFunction(clients, n.function))?.configuration,
    artifact: { ...artifact, zip: rezipped.zip, sha256: rezipped.sha256, compileCache: { runtimeVersionArn: runtimeVersion } },
    changed: true,
  };
}

/** The answer's cache file, checked as the runtime will check it; or why there is none. */
export function usableFile(a: CompileCacheAnswer): { bytes: Buffer; header: CacheHeader } | string {
  if (a.compile_cache === 'off') return a.skipped ?? '$LATEST has ZAP_COMPILE_CACHE off';
  if (a.app_error) return `the app failed to boot in $LATEST: ${a.app_error}`;
  if (a.skipped) return a.skipped;
  if (!a.file) return '$LATEST answered no cache';
  const bytes = Buffer.from(a.file, 'base64');
  const decoded = decodeCacheFile(bytes);
  if (!decoded.ok) return `the cache $LATEST made is unusable: ${decoded.reason}`;
  return { bytes, header: decoded.header };
}
