/**
 * Bundled with the app: serves the modules the app loads by a computed path from the bundle, so
 * they share its instances (one db module, one express). The packager lists them with a loader
 * each (src/package/computed-requires.ts); their files ship too, so `readdirSync` finds them and
 * Node could resolve them, but a require() or import() of one of those paths gets the bundled copy.
 * `named` does the same for packages required by a bare name no bundler can follow: the view engine
 * Express loads with `require(ext)`, bundled so the compile cache covers it.
 */
import Module, { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type Loaders = Record<string, () => unknown>;
type Parent = { filename?: string | null } | null | undefined;
type Load = (this: unknown, request: string, parent: Parent, isMain: boolean) => unknown;

/** What Node's require() would try after the path the app gave. */
const SUFFIXES = ['', '.js', '.cjs', '.mjs', '.ts', '.cts', '.mts', '.tsx', '.jsx', '/index.js', '/index.cjs', '/index.mjs', '/index.ts'];

const isPath = (id: string) => isAbsolute(id) || id === '.' || id === '..' || id.startsWith('./') || id.startsWith('../');

/** What `import()` of a CommonJS module gives: its exports as `default`, and their names beside it. */
function asNamespace(exports: unknown): unknown {
  if (exports && typeof exports === 'object' && (exports as { __esModule?: boolean }).__esModule) return exports;
  return { ...(exports && typeof exports === 'object' ? exports : {}), default: exports };
}

export function computedRequires(root: string, loaders: Loaders, named: Loaders = {}) {
  const loaded = new Map<string, unknown>();
  const loadedNamed = new Map<string, unknown>();
  const keyOf = (abs: string): string | undefined => {
    const rel = relative(root, abs).split(sep).join('/');
    if (rel.startsWith('..')) return undefined;
    // TypeScript's own rule: `./x.js` names x.ts (an app built with tsc lists its modules as .js; compiled-names.ts).
    const compiled = /\.(c|m)?js$/.exec(rel);
    const typed = compiled ? [rel.slice(0, compiled.index) + '.' + (compiled[1] ?? '') + 'ts', ...(compiled[1] ? [] : [rel.slice(0, compiled.index) + '.tsx'])] : [];
    return [...SUFFIXES.map((s) => rel + s), ...typed].find((k) => Object.hasOwn(loaders, k));
  };
  // Kept only once it has run without throwing, as Node drops a module that threw.
  const load = (key: string): unknown => {
    if (!loaded.has(key)) loaded.set(key, loaders[key]!());
    return loaded.get(key);
  };

  const loadNamed = (name: string): unknown => {
    if (!loadedNamed.has(name)) loadedNamed.set(name, named[name]!());
    return loadedNamed.get(name);
  };

  if (Object.keys(loaders).length > 0 || Object.keys(named).length > 0) {
    const M = Module as unknown as { _load: Load };
    const original = M._load;
    M._load = function (request, parent, isMain) {
      if (typeof request === 'string' && Object.hasOwn(named, request)) return loadNamed(request);
      if (typeof request === 'string' && isPath(request)) {
        const key = keyOf(resolve(parent?.filename ? dirname(parent.filename) : process.cwd(), request));
        if (key) return load(key);
      }
      return original.call(this, request, parent, isMain);
    };
  }

  /** require() as the module at `rel` (project-relative) would have it: relative paths start from its folder. */
  const requireFrom = (rel: string) => createRequire(join(root, rel));

  /** import() as the module at `rel` would have it. */
  const importFrom = (rel: string) => {
    const from = dirname(join(root, rel));
    return async (id: unknown, options?: ImportCallOptions): Promise<unknown> => {
      const spec = id instanceof URL ? id.href : String(id);
      const path = spec.startsWith('file:') ? fileURLToPath(spec) : isPath(spec) ? resolve(from, spec) : undefined;
      const key = path === undefined ? undefined : keyOf(path);
      if (key) return asNamespace(load(key));
      return import(path === undefined ? spec : pathToFileURL(path).href, options);
    };
  };
  return { requireFrom, importFrom };
}
