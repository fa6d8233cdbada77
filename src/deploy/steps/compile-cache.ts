import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import { invoke } from '../../aws/invoke';
import { getFunction, updateCode } from '../../aws/lambda';
import { confirmLocalCache, keepLocalCache, withCacheFile } from '../../package/compile-cache';
import { decodeCacheFile, describeRuntime, type CacheHeader } from '../../contracts/compile-cache-format';
import { compileCacheEvent, isCompileCacheAnswer, type CompileCacheAnswer } from '../../contracts/compile-cache';
import { type DeployContext, unchanged, write } from '../context';
import type { Artifact } from './function';

const STEP = 'compile-cache';

/** Lambda's runtime version of $LATEST (runtime management); it changes when AWS updates the runtime under the function. */
function runtimeVersionArn(cfg: FunctionConfiguration): string | null {
  return cfg.RuntimeVersionConfig?.RuntimeVersionArn ?? null;
}

/**
 * Between $LATEST and the version: asks $LATEST, running in the real runtime (its Node patch version,
 * architecture and V8 flags are known only there), for its compile cache. When the code it runs
 * already ships a cache that fits, it answers "hit" and nothing changes; otherwise it makes one and
 * the same artifact plus that file becomes the new code. Not asked (no invocation at all) when the
 * code is unchanged, already holds a kept cache, and Lambda's runtime version is the one that cache
 * was confirmed on, unless `refresh` (zap update) says to ask anyway. Never fails a deploy: without
 * a cache the app only starts slower.
 */
export async function ensureCompileCache(ctx: DeployContext, artifact: Artifact, latest: FunctionConfiguration | undefined, refresh = false): Promise<FunctionConfiguration | undefined> {
  const { clients, names: n, settings } = ctx;
  if (!settings.compile_cache) {
    unchanged(ctx, STEP, 'off (compile_cache: false)');
    return latest;
  }
  // Plan mode invokes nothing: whether $LATEST's runtime accepts a packaged cache is known only by asking it.
  if (ctx.plan) {
    if (artifact.compileCache) unchanged(ctx, STEP, 'packaged with the code (deploy checks it against $LATEST)');
    else await write(ctx, STEP, 'make a compile cache in $LATEST and update code with it', async () => undefined);
    return latest;
  }
  if (!latest) return latest;
  const codeChanged = ctx.changes.some((c) => c.step === 'function' && /^(create|update code)/.test(c.action));
  const packaged = artifact.compileCache;
  if (packaged && !codeChanged && !refresh && packaged.runtimeVersionArn === runtimeVersionArn(latest)) {
    unchanged(ctx, STEP, 'packaged with the code; runtime version unchanged since it was made (zap update checks it in $LATEST)');
    return latest;
  }
  const out = await invoke(clients, n.function, '$LATEST', compileCacheEvent());
  const answer = out.payload;
  if (out.functionError || !isCompileCacheAnswer(answer)) {
    ctx.report.step(STEP, `skipped: $LATEST did not answer with a cache (${out.functionError ?? 'unexpected answer'}: ${out.raw.slice(0, 200)})`, 'warn');
    return latest;
  }
  const where = describeRuntime(answer.runtime);
  if (answer.compile_cache === 'hit') {
    if (artifact.cacheDir && answer.source_sha256) confirmLocalCache(artifact.cacheDir, settings, answer.source_sha256, runtimeVersionArn(latest));
    unchanged(ctx, STEP, `used by $LATEST (${where})`);
    return latest;
  }
  const file = usableFile(answer);
  if (typeof file === 'string') {
    ctx.report.step(STEP, `skipped: ${file}`, 'warn');
    return latest;
  }
  if (artifact.cacheDir) keepLocalCache(artifact.cacheDir, settings, file.bytes, file.header, runtimeVersionArn(latest));
  const rezipped = await withCacheFile(artifact.zip, file.bytes, artifact.path);
  const why = answer.reason ? ` (${answer.reason})` : '';
  await write(ctx, STEP, `update code with a compile cache made on ${where}, ${(file.bytes.length / 1024).toFixed(0)} KiB${why}`, () =>
    updateCode(clients, n.function, rezipped.zip, settings.architecture),
  );
  Object.assign(artifact, { zip: rezipped.zip, sha256: rezipped.sha256, compileCache: { runtimeVersionArn: runtimeVersionArn(latest) } });
  return (await getFunction(clients, n.function))?.configuration;
}

/** The answer's cache file, checked as the runtime will check it; or why there is none. */
function usableFile(a: CompileCacheAnswer): { bytes: Buffer; header: CacheHeader } | string {
  if (a.compile_cache === 'off') return a.skipped ?? '$LATEST has ZAP_COMPILE_CACHE off';
  if (a.app_error) return `the app failed to boot in $LATEST: ${a.app_error}`;
  if (a.skipped) return a.skipped;
  if (!a.file) return '$LATEST answered no cache';
  const bytes = Buffer.from(a.file, 'base64');
  const decoded = decodeCacheFile(bytes);
  if (!decoded.ok) return `the cache $LATEST made is unusable: ${decoded.reason}`;
  return { bytes, header: decoded.header };
}
