/**
 * Loads the app bundle as Node's CommonJS loader would, but compiled through vm.Script so that V8's
 * code cache shipped in the artifact can be handed in, and `cachedDataRejected` says exactly whether
 * it was used. Any problem with the cache (missing, stale, corrupt, foreign) takes the same path
 * with no cache: only speed changes, never behaviour.
 */
import { readFileSync } from 'node:fs';
import type Module from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import type vm from 'node:vm';
import { CACHE_FILE, currentRuntime, decodeCacheFile, mismatch, type CacheHeader } from '../contracts/compile-cache-format';
import { EAGER_ENV, WARMUP_PATH_ENV } from '../contracts/compile-cache';
// The packager's name for the bundle entry, so the two can never disagree.
import { APP_BUNDLE } from '../contracts/layout';
import type { CacheState } from '../contracts/keep-warm';
import { notOff, oneCopyEnabled, readWrapped } from './wrapped-source';

// Required where used, not at the top: index.js answers keep-warm pings without loading the app,
// and must not pay for these either (bench: warm-ping cold answer ÷ empty handler).
const lazy = {
  vm: () => require('node:vm') as typeof import('node:vm'),
  Module: () => require('node:module') as typeof Module,
};

export type { CacheState };

export { APP_BUNDLE };

/** The cache is used unless deploy set ZAP_COMPILE_CACHE to off (zap.json `compile_cache: false`). */
export function cacheEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return notOff(env.ZAP_COMPILE_CACHE);
}

/** The warm-up path deploy set (zap.json `compile_cache_warmup_path`), or none: by default no request goes through the app. */
export function warmUpPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const raw = (env[WARMUP_PATH_ENV] ?? '').trim();
  return raw.startsWith('/') ? raw : undefined;
}

/**
 * The cache holds every function of the bundle when the function's ZAP_COMPILE_CACHE_EAGER is on
 * (src/runtime/eager-cache.ts). Off by default: measured, the bigger cache costs about what it saves.
 */
export function eagerEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const raw = (env[EAGER_ENV] ?? '').trim().toLowerCase();
  return raw === 'on' || raw === 'true' || raw === '1';
}

/**
 * As for the warm-up: a cache made against the setting now is remade at the next deploy. `eager`
 * is true (every function), false (asked for, but too big to answer) or absent (not asked for).
 */
function eagerMismatch(h: CacheHeader, env: NodeJS.ProcessEnv): string | undefined {
  const on = eagerEnabled(env);
  if (on ? h.eager !== undefined : h.eager !== true) return undefined;
  return `made ${h.eager ? 'with' : 'without'} every function compiled, but ${EAGER_ENV} is ${on ? 'on' : 'off'}`;
}

/** A cache made with another warm-up than the one now set is remade, so a changed setting takes effect at the next deploy. */
function warmUpMismatch(h: CacheHeader, env: NodeJS.ProcessEnv): string | undefined {
  const now = warmUpPath(env);
  if ((h.warmup_path ?? undefined) === now) return undefined;
  return `made ${h.warmup_path ? `after a warm-up GET ${h.warmup_path}` : 'without a warm-up request'}, but compile_cache_warmup_path is ${now ? `"${now}"` : 'unset'}`;
}

export interface LoadedBundle {
  exports: { boot?: unknown };
  state: CacheState;
  /** Why the shipped cache was not used, when there was one. */
  reason?: string;
  /** Set when the bundle was compiled here: its createCachedData() makes a new cache. */
  script?: vm.Script;
  /** Artifact-relative, with forward slashes. */
  bundle: string;
  /** Absolute path of the bundle, when it was loaded through this loader (the cache event reads it again). */
  file?: string;
}

/** The root entry is either the bundle or the one-line stub package writes (layout.ts rootStub). */
export function bundleFile(root: string): string {
  const entry = join(root, APP_BUNDLE);
  const head = readFileSync(entry, 'utf8');
  const m = /^module\.exports = (?:require|import)\(("\.\/[^"\n]+")\);\n?$/.exec(head);
  return m ? join(root, JSON.parse(m[1]!) as string) : entry;
}

type ModuleInternals = typeof Module & {
  _nodeModulePaths(dir: string): string[];
  _cache: Record<string, Module>;
  wrap(source: string): string;
};

/** The bundle's source as the CommonJS wrapper V8 compiles: the cache maker compiles exactly this too, or V8 would reject its cache. */
export function compileBundle(file: string, source: string, cachedData?: Buffer): vm.Script {
  return compileWrapped(file, (lazy.Module() as ModuleInternals).wrap(source), cachedData);
}

/** As compileBundle, for source already wrapped (wrapped-source.ts). */
function compileWrapped(file: string, wrapped: string, cachedData?: Buffer): vm.Script {
  const vm = lazy.vm();
  return new vm.Script(wrapped, {
    filename: file,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
}

/** The bundle's text: its bytes as UTF-8, without a byte-order mark. */
export function bundleSource(bytes: Buffer): string {
  return stripBom(bytes.toString('utf8'));
}

/** Runs the wrapped source as a CommonJS module of `file`; registered in require.cache so a later require() gets the same exports. */
function runAsCommonJs(file: string, wrapped: string, cachedData?: Buffer): { exports: LoadedBundle['exports']; script: vm.Script } {
  const Module = lazy.Module();
  const M = Module as ModuleInternals;
  const script = compileWrapped(file, wrapped, cachedData);
  const mod = new Module(file);
  mod.filename = file;
  mod.paths = M._nodeModulePaths(dirname(file));
  M._cache[file] = mod;
  try {
    const fn = script.runInThisContext() as (...args: unknown[]) => void;
    fn.call(mod.exports, mod.exports, Module.createRequire(file), mod, file, dirname(file));
  } catch (err) {
    // As Node does: a module that threw is dropped, so the next load runs it again.
    delete M._cache[file];
    throw err;
  }
  mod.loaded = true;
  return { exports: mod.exports as LoadedBundle['exports'], script };
}

function readCache(root: string): Buffer | undefined {
  try {
    return readFileSync(join(root, CACHE_FILE));
  } catch {
    return undefined;
  }
}

/** Why an ESM bundle reports no cache: V8's code cache is handed to vm.Script, which runs CommonJS only. */
export const ESM_NO_CACHE = 'the app bundle is ESM (top-level await), which loads without V8\'s code cache';

/**
 * Loads the bundle under root (the code folder): CommonJS with the shipped cache when it fits, or
 * an ESM bundle through import(). Every call runs the bundle's code again (the loader calls it
 * again after a failed boot); for ESM, whose modules Node keeps per URL, `attempt` makes a new URL.
 */
export async function loadAppBundle(root: string, attempt: number, env: NodeJS.ProcessEnv = process.env): Promise<LoadedBundle> {
  const file = bundleFile(root);
  if (!file.endsWith('.mjs')) return loadBundle(root, env);
  const url = (require('node:url') as typeof import('node:url')).pathToFileURL(file).href + (attempt > 0 ? `?attempt=${attempt}` : '');
  const exports = (await import(url)) as LoadedBundle['exports'];
  return { exports, state: 'off', reason: ESM_NO_CACHE, bundle: relative(root, file).split(sep).join('/'), file };
}

/** Loads the CommonJS bundle under root (the code folder), with the shipped cache when it fits. */
export function loadBundle(root: string, env: NodeJS.ProcessEnv = process.env): LoadedBundle {
  const file = bundleFile(root);
  const bundle = relative(root, file).split(sep).join('/');
  if (!cacheEnabled(env)) {
    delete require.cache[file];
    return { exports: require(file) as LoadedBundle['exports'], state: 'off', bundle };
  }
  const M = lazy.Module() as ModuleInternals;
  const read = oneCopyEnabled(env) ? readWrapped(file, M) : { bytes: readFileSync(file) };
  const { bytes } = read;
  const wrapped = read.wrapped ?? M.wrap(bundleSource(bytes));
  const base = { bundle, file };
  const shipped = readCache(root);
  let reason: string | undefined = shipped ? undefined : 'no cache in the artifact';
  let data: Buffer | undefined;
  if (shipped) {
    const decoded = decodeCacheFile(shipped);
    reason = decoded.ok ? (mismatch(decoded.header, currentRuntime(), bundle, bytes) ?? warmUpMismatch(decoded.header, env) ?? eagerMismatch(decoded.header, env)) : decoded.reason;
    if (decoded.ok && !reason) data = decoded.data;
  }
  const { exports, script } = runAsCommonJs(file, wrapped, data);
  if (data && script.cachedDataRejected) reason = 'V8 rejected it (another V8 build or flags)';
  const state: CacheState = data && !script.cachedDataRejected ? 'hit' : 'miss';
  return { exports, state, script, ...base, ...(state === 'miss' ? { reason } : {}) };
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}
