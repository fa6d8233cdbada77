import { readFile } from 'node:fs/promises';
import type { StageSettings } from '../settings/types';
import type { Artifact } from './steps/function';

/** Packages the app the way `zap package` does and reads the zip for upload. */
export async function buildArtifact(projectDir: string, settings: StageSettings): Promise<Artifact & { path: string }> {
  const { packageApp } = await import('../package');
  const { cacheDir } = await import('../package/compile-cache');
  const out = await packageApp(projectDir, settings, { compileCache: true });
  return { path: out.artifact, zip: await readFile(out.artifact), sha256: out.sha256, compileCache: out.compile_cache.included && { runtimeVersionArn: out.compile_cache.runtime_version_arn ?? null }, cacheDir: cacheDir(projectDir, settings.stage) };
}
