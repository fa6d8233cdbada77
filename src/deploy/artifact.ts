import { readFile } from 'node:fs/promises';
import type { StageSettings } from '../settings/types';
import type { Artifact } from './steps/function';
import type { CacheOutcome } from '../package/cache';

/** Packages the app the way `zap package` does and reads the zip for upload; its warnings go with it, for deploy to print. */
export async function buildArtifact(projectDir: string, settings: StageSettings, opts: { cache?: boolean } = {}): Promise<Artifact & { path: string; packageCache: CacheOutcome; warnings: string[] }> {
  const { packageApp } = await import('../package');
  const { cacheDir } = await import('../package/compile-cache');
  const out = await packageApp(projectDir, settings, { compileCache: true, cache: opts.cache });
  return { path: out.artifact, zip: await readFile(out.artifact), sha256: out.sha256, compileCache: out.compile_cache.included && { runtimeVersionArn: out.compile_cache.runtime_version_arn ?? null }, cacheDir: cacheDir(projectDir, settings.stage), packageCache: out.package_cache, warnings: out.warnings };
}
