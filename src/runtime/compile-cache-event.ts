import { readFileSync } from 'node:fs';
import type { CompileCacheAnswer } from '../contracts/compile-cache';
import { bundleSource, eagerEnabled, warmUpPath } from './compile-cache';
import { eagerCachedData } from './eager-cache';
import { compileCacheState, errorMessage, loadApp, loadedBundle, logBootError } from './app-loader';
import { CACHE_FILE, crc32, currentRuntime, encodeCacheFile } from '../contracts/compile-cache-format';

/** Lambda's synchronous response limit is 6 MB and the file travels base64 (4/3) inside JSON. */
export const MAX_CACHE_BYTES = 4 * 1024 * 1024;

/** A Function URL GET of `path` (payload 2.0): the warm-up request whose answer is thrown away. */
function warmUpEvent(path: string): unknown {
  const q = path.indexOf('?');
  const rawPath = q < 0 ? path : path.slice(0, q);
  const rawQueryString = q < 0 ? '' : path.slice(q + 1);
  return {
    version: '2.0', routeKey: '$default', rawPath, rawQueryString,
    headers: { host: 'zap-compile-cache.invalid', accept: '*/*', 'user-agent': 'zap-compile-cache' },
    requestContext: {
      accountId: 'anonymous', apiId: 'zap', domainName: 'zap-compile-cache.invalid', domainPrefix: 'zap',
      http: { method: 'GET', path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'zap-compile-cache' },
      requestId: 'zap-compile-cache', routeKey: '$default', stage: '$default', time: '01/Jan/2026:00:00:00 +0000', timeEpoch: 0,
    },
    isBase64Encoded: false,
  };
}

/**
 * Loads the app (from the shipped cache when it fits: then "hit" and nothing new is made), else
 * answers a new cache file of what booting compiled. No request goes through the app unless the
 * user named one (`compile_cache_warmup_path`): a request shows in the app's access log and runs
 * whatever the route does, so it is the user's choice; its route's lazily compiled functions then
 * join the cache. Its first stdout line is `{"zap":"compile_cache",...}` (before the app
 * loads and logs anything), so `zap tail` and `zap status` can leave this request of zap's out;
 * everything else it says goes to stderr.
 */
export async function makeCompileCache(context: unknown): Promise<CompileCacheAnswer> {
  const runtime = currentRuntime();
  console.log(JSON.stringify({ zap: 'compile_cache', runtime }));
  if (compileCacheState() === 'off') return { zap: 'compile_cache', compile_cache: 'off', runtime };
  let app;
  try {
    app = await loadApp(context);
  } catch (err) {
    logBootError(err, 'making the compile cache');
    return { zap: 'compile_cache', compile_cache: 'miss', runtime, app_error: errorMessage(err) };
  }
  const loaded = loadedBundle()!;
  const source = loaded.file ? readFileSync(loaded.file) : undefined;
  // Required here: index.js must not load crypto for a keep-warm ping.
  const sourceSha256 = source && (require('node:crypto') as typeof import('node:crypto')).createHash('sha256').update(source).digest('hex');
  const base = { zap: 'compile_cache' as const, runtime, bundle: loaded.bundle, source_sha256: sourceSha256 };
  if (loaded.state === 'hit') return { ...base, compile_cache: 'hit' };
  if (loaded.state === 'off') return { ...base, compile_cache: 'off', ...(loaded.reason ? { skipped: loaded.reason } : {}) };
  if (!loaded.script || !source || !sourceSha256) return { ...base, compile_cache: loaded.state, skipped: 'the app was not loaded through the compile cache loader' };
  const path = warmUpPath();
  if (path) {
    try {
      await app(warmUpEvent(path), context);
    } catch (err) {
      console.error(`zap: the compile cache warm-up request (GET ${path}) threw; the cache holds what was compiled so far. ${errorMessage(err)}`);
    }
  }
  const header = { ...runtime, bundle: loaded.bundle, source_sha256: sourceSha256, source_bytes: source.length, source_crc32: crc32(source), ...(path ? { warmup_path: path } : {}) };
  let eager: boolean | undefined;
  let file: Buffer | undefined;
  if (eagerEnabled()) {
    const all = encodeCacheFile({ ...header, eager: true }, eagerCachedData(loaded.file!, bundleSource(source)));
    eager = all.length <= MAX_CACHE_BYTES;
    // Over the answer's limit, the cache of what booting compiled is still worth shipping.
    if (eager) file = all;
    else console.error(`zap: the compile cache of every function would be ${all.length} bytes, over ${MAX_CACHE_BYTES}; it holds what booting compiled.`);
  }
  file ??= encodeCacheFile({ ...header, ...(eager === false ? { eager } : {}) }, loaded.script.createCachedData());
  const answer: CompileCacheAnswer = { ...base, compile_cache: 'miss', ...(loaded.reason ? { reason: loaded.reason } : {}), ...(path ? { warmup_path: path } : {}), ...(eager !== undefined ? { eager } : {}), bytes: file.length };
  if (file.length > MAX_CACHE_BYTES) return { ...answer, skipped: `${CACHE_FILE} would be ${file.length} bytes, over the ${MAX_CACHE_BYTES} bytes a synchronous answer can carry` };
  return { ...answer, file: file.toString('base64') };
}
