/**
 * The compile cache is not part of the packaging key: `zap deploy` ships the cache its last deploy
 * kept for this very bundle (`.zap/<stage>/compile-cache/`), `zap package` ships the code only, and
 * otherwise the two zips are the same. So a recorded zip is fitted to what is asked instead of
 * packaging again: the kept cache put in (as deploy's compile-cache step does, compile-cache.ts
 * withCacheFile), or taken out, giving the zip a full build gives. Every other input is unchanged by
 * then (cache.ts checked); the zip on disk, less its cache file, must be the one recorded.
 */
import { createHash } from 'node:crypto';
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

/** What a recorded zip needs: nothing, a new zip (written to `artifact`) with its result, or a build (it cannot be fitted exactly). */
export type Fitted<R> = { as: 'is' } | { as: 'added' | 'left out'; result: R } | { as: 'build' };

/**
 * The recorded zip with the kept compile cache in it when `withCache` (and one was kept for its bundle
 * and these settings), without one otherwise.
 */
export async function fitCompileCache<R extends Packaged>(projectDir: string, settings: StageSettings, recorded: R, recordedZip: string, artifact: string, withCache: boolean): Promise<Fitted<R>> {
  const cache = withCache && settings.compile_cache ? findLocalCache(cacheDir(projectDir, settings.stage), { path: recorded.bundle.path, sha256: recorded.compile_cache.bundle_sha256 }, settings) : undefined;
  const zip = readFileSync(recordedZip);
  const intact = createHash('sha256').update(zip).digest('hex') === recorded.sha256;
  if (intact && !cache && !recorded.compile_cache.included) return { as: 'is' };
  const entries = await readZipEntries(zip);
  if (intact && cache && recorded.compile_cache.included && entries.get(CACHE_FILE)?.equals(cache.file)) return { as: 'is' };
  entries.delete(CACHE_FILE);
  // A zip changed on disk since it was recorded is used only when it is the recorded code-only zip plus a cache (deploy put one in).
  if (!intact && (recorded.compile_cache.included || (await deterministicZip(entries)).sha256 !== recorded.sha256)) return { as: 'build' };
  if (cache) entries.set(CACHE_FILE, cache.file);
  const out = await deterministicZip(entries);
  writeAtomically(artifact, out.zip);
  const files = recorded.files.filter((f) => f !== CACHE_FILE);
  const { setting, bundle_sha256 } = recorded.compile_cache;
  const result: R = {
    ...recorded,
    artifact,
    bytes: out.zip.length,
    sha256: out.sha256,
    files: cache ? [...files, CACHE_FILE].sort() : files,
    compile_cache: cache ? { setting, included: true, bundle_sha256, runtime: `${cache.header.node} ${cache.header.arch}`, runtime_version_arn: cache.runtime_version_arn } : { setting, included: false, bundle_sha256 },
  };
  return { as: cache ? 'added' : 'left out', result };
}
