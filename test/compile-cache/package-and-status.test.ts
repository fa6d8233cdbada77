// The pieces around the cache: packaging ships a kept cache only for the very bundle it was made for
// (and never with compile_cache off), deterministically; status says "stale" only when it means it.
import { join } from 'node:path';
import { loadStage } from '../../src/settings';
import { packageApp } from '../../src/package';
import { cacheDir, keepLocalCache, readZipEntries } from '../../src/package/compile-cache';
import { CACHE_FILE, decodeCacheFile, encodeCacheFile } from '../../src/contracts/compile-cache-format';
import { compileCacheStatus } from '../../src/observe/compile-cache-status';
import { sampleAppCopy } from '../helpers/deployed';
import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';

jest.setTimeout(60_000);

// Packaging is the subject here: the copy packages from scratch, never from the run's packaged sample.
let copy: Awaited<ReturnType<typeof sampleAppCopy>>;
beforeAll(async () => {
  copy = await sampleAppCopy({}, { fresh: true });
});
afterAll(() => copy?.remove());

async function pack(extra: Record<string, unknown> = {}, compileCache = true) {
  copy.setDev(extra);
  const settings = await loadStage(copy.dir, 'dev');
  const r = await packageApp(copy.dir, settings, { compileCache, verify: false, out: join(copy.dir, '.zap', 'out', `a${Math.random()}.zip`) });
  const entries = await readZipEntries(readFileSync(r.artifact));
  return { r, settings, entries };
}

test('a cache kept for this bundle is shipped, the same zip each time; not by zap package, not for another architecture, never with compile_cache off', async () => {
  const first = await pack({ compile_cache: true });
  expect(first.r.compile_cache).toMatchObject({ setting: true, included: false });
  const source = first.entries.get(first.r.bundle.path)!;
  const header = { node: 'v24.21.0', arch: 'arm64', v8: '13.6', bundle: first.r.bundle.path, source_sha256: first.r.compile_cache.bundle_sha256, source_bytes: source.length, source_crc32: crc32(source) };
  const file = encodeCacheFile(header, Buffer.from('v8 code cache bytes'));
  const d = decodeCacheFile(file);
  if (!d.ok) throw new Error(d.reason);
  keepLocalCache(cacheDir(copy.dir, 'dev'), first.settings, file, d.header, null);

  const a = await pack();
  const b = await pack();
  expect(a.r.compile_cache).toMatchObject({ included: true, runtime: 'v24.21.0 arm64' });
  expect(a.entries.get(CACHE_FILE)).toEqual(file);
  expect(a.r.sha256).toBe(b.r.sha256);
  // zap package (no compileCache option) makes the code-only artifact.
  expect((await pack({}, false)).entries.has(CACHE_FILE)).toBe(false);
  // Another architecture setting: the kept cache is not for it.
  expect((await pack({ architecture: 'x86_64' })).entries.has(CACHE_FILE)).toBe(false);
  // compile_cache: false never ships one.
  const off = await pack({ architecture: 'arm64', compile_cache: false });
  expect(off.entries.has(CACHE_FILE)).toBe(false);
  expect(off.r.compile_cache).toMatchObject({ setting: false, included: false });
});

describe('compileCacheStatus', () => {
  const tick = (compile_cache: 'hit' | 'miss' | 'off' | undefined, app_ready = true) => ({
    time: '2026-11-23T00:00:00.000Z', timestamp: 0, asked: 1, held: 1, cold: 0, errors: 0, throttles: 0, error_messages: [], compile_cache, app_ready,
  });
  it('warns "stale, run zap update" when a booted leader loaded its app from source with the cache on', () => {
    const r = compileCacheStatus('prod', 'on', tick('miss'));
    expect(r.status).toEqual({ setting: true, last_tick: 'miss' });
    expect(r.warnings).toEqual([expect.stringMatching(/^compile cache stale: .*run zap update prod$/)]);
  });
  it('stays quiet on a hit, with the cache off, before priming, and without a tick', () => {
    expect(compileCacheStatus('dev', 'on', tick('hit')).warnings).toEqual([]);
    expect(compileCacheStatus('dev', 'off', tick('off'))).toEqual({ status: { setting: false, last_tick: 'off' }, warnings: [] });
    expect(compileCacheStatus('dev', 'on', tick('miss', false)).warnings).toEqual([]);
    expect(compileCacheStatus('dev', undefined, undefined)).toEqual({ status: { setting: null, last_tick: null }, warnings: [] });
  });
});
