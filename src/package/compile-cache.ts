/**
 * The compile cache on the packaging side: caches made inside the function's runtime are kept under
 * `.zap/<stage>/compile-cache/`, named by the bundle they were made for and the runtime setting, so
 * that packaging the same bundle again ships the same cache and gives the same zip (an unchanged
 * redeploy uploads nothing).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import yauzl from 'yauzl';
import type { StageSettings } from '../settings/types';
import { CACHE_FILE, decodeCacheFile, type CacheHeader } from '../contracts/compile-cache-format';
import { deterministicZip, writeAtomically, type ZipResult } from './zip';

export { CACHE_FILE } from '../contracts/compile-cache-format';

export function cacheDir(projectDir: string, stage: string): string {
  return join(projectDir, '.zap', stage, 'compile-cache');
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** `<bundle sha256>-nodejs24.x-arm64.bin`: the Node patch version is only known inside Lambda, so it is in the header, not the name. */
export function cacheFileName(bundleSha256: string, settings: Pick<StageSettings, 'runtime' | 'architecture'>): string {
  return `${bundleSha256}-${settings.runtime}-${settings.architecture}.bin`;
}

export interface LocalCache {
  file: Buffer;
  header: CacheHeader;
  /** Lambda's RuntimeVersionArn of the function when the cache was made or last confirmed (null when Lambda gave none). */
  runtime_version_arn: string | null;
}

/** The kept cache for this bundle, if there is one and it is intact and made for it (with the warm-up request now set, if any). */
export function findLocalCache(dir: string, bundle: { path: string; sha256: string }, settings: StageSettings): LocalCache | undefined {
  const path = join(dir, cacheFileName(bundle.sha256, settings));
  if (!existsSync(path)) return undefined;
  const file = readFileSync(path);
  const decoded = decodeCacheFile(file);
  if (!decoded.ok || decoded.header.source_sha256 !== bundle.sha256 || decoded.header.bundle !== bundle.path) return undefined;
  // A changed compile_cache_warmup_path ships no cache, so deploy has the function make one with it.
  if ((decoded.header.warmup_path ?? undefined) !== settings.compile_cache_warmup_path) return undefined;
  return { file, header: decoded.header, runtime_version_arn: readSidecar(path) };
}

function readSidecar(binPath: string): string | null {
  try {
    const v = (JSON.parse(readFileSync(binPath.replace(/\.bin$/, '.json'), 'utf8')) as { runtime_version_arn?: unknown }).runtime_version_arn;
    return typeof v === 'string' ? v : null;
  } catch {
    return null;
  }
}

/** Records which Lambda runtime version the kept cache for this bundle is known to fit. */
export function confirmLocalCache(dir: string, settings: StageSettings, bundleSha256: string, runtimeVersionArn: string | null): void {
  const bin = join(dir, cacheFileName(bundleSha256, settings));
  if (existsSync(bin)) writeAtomically(bin.replace(/\.bin$/, '.json'), Buffer.from(JSON.stringify({ runtime_version_arn: runtimeVersionArn }) + '\n'));
}

/** Keeps a new cache and drops the ones made for older bundles of this runtime setting. */
export function keepLocalCache(dir: string, settings: StageSettings, file: Buffer, header: CacheHeader, runtimeVersionArn: string | null): string {
  const name = cacheFileName(header.source_sha256, settings);
  const stem = name.replace(/\.bin$/, '');
  const suffix = `-${settings.runtime}-${settings.architecture}`;
  if (existsSync(dir)) {
    for (const f of readdirSync(dir)) if (f.replace(/\.(bin|json)$/, '').endsWith(suffix) && !f.startsWith(stem)) rmSync(join(dir, f), { force: true });
  }
  writeAtomically(join(dir, name), file);
  confirmLocalCache(dir, settings, header.source_sha256, runtimeVersionArn);
  return join(dir, name);
}

/** Every entry of a zip in memory. */
export function readZipEntries(zip: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, zf) => {
      if (err || !zf) return reject(err ?? new Error('unreadable zip'));
      const entries = new Map<string, Buffer>();
      zf.on('error', reject);
      zf.on('end', () => resolve(entries));
      zf.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zf.readEntry();
        zf.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error(`cannot read ${entry.fileName}`));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zf.readEntry();
          });
        });
      });
      zf.readEntry();
    });
  });
}

/** The same artifact with the cache file put in (or replaced): the zip packageApp makes when it finds this cache kept locally. */
export async function withCacheFile(zip: Buffer, file: Buffer, writeTo?: string): Promise<ZipResult> {
  const entries = await readZipEntries(zip);
  entries.set(CACHE_FILE, file);
  const out = await deterministicZip(entries);
  if (writeTo) writeAtomically(writeTo, out.zip);
  return out;
}
