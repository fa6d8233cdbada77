/**
 * The compile cache file shipped at the artifact's root: a header zap checks before V8 ever sees the
 * bytes, then V8's code cache for the app bundle. V8 checks only its version, flags and the source's
 * *length*: measured on Node 24, a cache made for other source of the same length is accepted and
 * runs the old code, and flipped payload bytes are not rejected. So the header pins the exact source
 * (length + crc32 checked at every cold start: 0.15 ms where sha256 takes 0.9 ms on the sample
 * bundle; sha256 names the bundle for deploy) and the payload (length + crc32), and a file that
 * fails any check is never handed to V8.
 *
 *   "ZAPCC01\n" | u32 LE header length | header JSON | V8 code cache
 */
import { isObject } from './json';

/**
 * zlib loaded when first used: index.js loads this file, and a keep-warm ping must not pay for zlib.
 * getBuiltinModule, not require: the CLI (ESM) shares this file with the handler (CommonJS).
 */
export const crc32 = (data: Buffer): number => (process.getBuiltinModule('node:zlib') as typeof import('node:zlib')).crc32(data);

export const CACHE_FILE = 'zap-compile-cache.bin';
const MAGIC = Buffer.from('ZAPCC01\n', 'latin1');
const MAX_HEADER = 4096;

/** The runtime a cache was made in: V8 code caches are only valid on the same V8 build, flags and architecture. */
export interface RuntimeId {
  node: string;
  arch: string;
  v8: string;
}

export interface CacheHeader extends RuntimeId {
  /** Artifact-relative path of the app bundle the cache was made for. */
  bundle: string;
  source_sha256: string;
  source_bytes: number;
  source_crc32: number;
  data_bytes: number;
  data_crc32: number;
  /** The warm-up request's path, when the cache was made after one (zap.json compile_cache_warmup_path). */
  warmup_path?: string;
  /** True when every function of the bundle was compiled into the cache, not only those booting ran (ZAP_COMPILE_CACHE_EAGER). */
  eager?: boolean;
}

export function currentRuntime(): RuntimeId {
  return { node: process.version, arch: process.arch, v8: process.versions.v8 };
}

export function describeRuntime(r: RuntimeId): string {
  return `Node ${r.node} ${r.arch}`;
}

export function encodeCacheFile(h: Omit<CacheHeader, 'data_bytes' | 'data_crc32'>, data: Buffer): Buffer {
  const header: CacheHeader = { ...h, data_bytes: data.length, data_crc32: crc32(data) };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(json.length);
  return Buffer.concat([MAGIC, len, json, data]);
}

export type Decoded = { ok: true; header: CacheHeader; data: Buffer } | { ok: false; reason: string };

/** Checks the frame and the payload's length and checksum; says why when a file is unusable. */
export function decodeCacheFile(file: Buffer): Decoded {
  if (file.length < MAGIC.length + 4 || !file.subarray(0, MAGIC.length).equals(MAGIC)) return { ok: false, reason: 'not a zap compile cache file' };
  const len = file.readUInt32LE(MAGIC.length);
  const start = MAGIC.length + 4;
  if (len > MAX_HEADER || start + len > file.length) return { ok: false, reason: 'truncated header' };
  let header: CacheHeader;
  try {
    header = JSON.parse(file.subarray(start, start + len).toString('utf8')) as CacheHeader;
  } catch {
    return { ok: false, reason: 'unreadable header' };
  }
  if (!isHeader(header)) return { ok: false, reason: 'incomplete header' };
  const data = file.subarray(start + len);
  if (data.length !== header.data_bytes) return { ok: false, reason: `payload is ${data.length} bytes, header says ${header.data_bytes}` };
  if (crc32(data) !== header.data_crc32) return { ok: false, reason: 'payload checksum mismatch' };
  return { ok: true, header, data };
}

function isHeader(h: unknown): h is CacheHeader {
  const o = h as Record<string, unknown>;
  return (
    isObject(o) &&
    ['node', 'arch', 'v8', 'bundle', 'source_sha256'].every((k) => typeof o[k] === 'string') &&
    ['source_bytes', 'source_crc32', 'data_bytes', 'data_crc32'].every((k) => typeof o[k] === 'number')
  );
}

/** Why a well-formed cache does not fit this runtime and source, or undefined when it does. */
export function mismatch(h: CacheHeader, runtime: RuntimeId, bundle: string, source: Buffer): string | undefined {
  if (h.bundle !== bundle) return `made for ${h.bundle}, the bundle is ${bundle}`;
  if (h.source_bytes !== source.length || h.source_crc32 !== crc32(source)) return 'made for other source (the bundle changed since)';
  if (h.node !== runtime.node || h.arch !== runtime.arch || h.v8 !== runtime.v8) {
    return `made on ${describeRuntime(h)}, this runtime is ${describeRuntime(runtime)}`;
  }
  return undefined;
}
