/**
 * The one change the packaging cache mends instead of building again: a deploy kept a compile cache
 * for this very bundle (`.zap/<stage>/compile-cache/`) since a zip without one was recorded (deploy
 * may have put it into the zip on disk too). Packaging would now put that file in; so does this, as
 * deploy does (compile-cache.ts withCacheFile), which gives the zip a full build gives. Every other
 * input is unchanged by then (cache.ts checked), and the zip on disk less its cache file must be the
 * one recorded.
 */
import { readFileSync } from 'node:fs';
import type { StageSettings } from '../settings/types';
import { CACHE_FILE, cacheDir, findLocalCache, readZipEntries } from './compile-cache';
import { deterministicZip, writeAtomically } from './zip';

interface Packaged {
  artifact: string;
  bytes: number;
  sha256: string;
  files: string[];
  bundle: { path: string };
  compile_cache: { setting: boolean; included: boolean; bundle_sha256: string; runtime?: string; runtime_version_arn?: string | null };
}

/** The recorded result and zip with the kept compile cache put in, written to `artifact`; undefined when that cannot be done exactly. */
export async function withKeptCompileCache<R extends Packaged>(projectDir: string, settings: StageSettings, recorded: R, recordedZip: string, artifact: string): Promise<R | undefined> {
  if (!settings.compile_cache || recorded.compile_cache.included) return undefined;
  const cache = findLocalCache(cacheDir(projectDir, settings.stage), { path: recorded.bundle.path, sha256: recorded.compile_cache.bundle_sha256 }, settings);
  if (!cache) return undefined;
  const entries = await readZipEntries(readFileSync(recordedZip));
  entries.delete(CACHE_FILE);
  if ((await deterministicZip(entries)).sha256 !== recorded.sha256) return undefined;
  entries.set(CACHE_FILE, cache.file);
  const out = await deterministicZip(entries);
  writeAtomically(artifact, out.zip);
  return {
    ...recorded,
    artifact,
    bytes: out.zip.length,
    sha256: out.sha256,
    files: [...new Set([...recorded.files, CACHE_FILE])].sort(),
    compile_cache: { ...recorded.compile_cache, included: true, runtime: `${cache.header.node} ${cache.header.arch}`, runtime_version_arn: cache.runtime_version_arn },
  };
}
