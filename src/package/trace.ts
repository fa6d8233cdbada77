/**
 * What the app reads at run time, found by @vercel/nft (the tracer Next.js, Nitro and Vercel ship
 * with): it follows `path.join(__dirname, 'views')`, `new URL('../data/x.json', import.meta.url)`,
 * `process.cwd()` paths, fs calls, express.static roots, `res.sendFile`/`res.download` targets and
 * modules loaded by a computed path, and reports each file with the modules that led to it.
 */
import { nodeFileTrace, resolve as nftResolve, type NodeFileTraceOptions } from '@vercel/nft';
import { transform } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loaderFor } from './source-edit';
import { mayHoldJsx } from './jsx-in-js';

export interface TracedFile {
  /** Project-relative, forward slashes: the file's zip path. */
  path: string;
  /** How nft reached it: "asset" (read as a file) or "dependency" (loaded as a module). */
  kind: 'asset' | 'dependency';
  /** Project-relative paths of the modules that refer to it. */
  parents: string[];
}

const TS_FILE = /\.[cm]?tsx?$/;

/**
 * nft parses JavaScript only: TypeScript is handed over with its types stripped, keeping
 * import/require, __dirname and import.meta.url exactly as written (no module format change).
 * Decorators are lowered so that Nest-style classes still parse.
 */
async function readForTrace(path: string): Promise<string | null> {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  if ((!TS_FILE.test(path) && !mayHoldJsx(path, source)) || path.endsWith('.d.ts')) return source;
  try {
    // The async API goes to the esbuild service the bundle step already started; transformSync
    // would start a worker thread (or, with ESBUILD_WORKER_THREADS=0, a process per file).
    const { code } = await transform(source, {
      loader: loaderFor(path),
      target: 'esnext',
      sourcefile: path,
      tsconfigRaw: { compilerOptions: { experimentalDecorators: true, verbatimModuleSyntax: false } },
    });
    return code;
  } catch {
    return source; // nft skips what it cannot parse; the bundle reports real syntax errors
  }
}

const slash = (p: string) => p.split('\\').join('/');

const IGNORED = /(^|[\\/])(\.git|\.zap)([\\/]|$)/;

/**
 * Packages are not followed from project code: their JavaScript is in the bundle, and analysing it
 * all costs seconds. Files in node_modules that project code names by path (a static folder such as
 * node_modules/bootstrap/dist) are still found, as paths are not resolved through here.
 */
const projectOnly: NodeFileTraceOptions['resolve'] = (id, parent, job, cjsResolve) => {
  if (/^(\.{1,2}(\/|$)|\/)/.test(id) || id.startsWith('node:')) return nftResolve(id, parent, job, cjsResolve);
  return Promise.reject(new Error(`${id} is a package: bundled, not traced`));
};

async function trace(projectDir: string, files: string[], opts: { depth?: number; resolve?: NodeFileTraceOptions['resolve'] }): Promise<TracedFile[]> {
  if (files.length === 0) return [];
  const result = await nodeFileTrace(
    files.map((m) => join(projectDir, m)),
    { base: projectDir, processCwd: projectDir, readFile: readForTrace, depth: opts.depth, resolve: opts.resolve, ignore: (p: string) => IGNORED.test(p) },
  );
  const out: TracedFile[] = [];
  for (const [file, reason] of result.reasons) {
    if (reason.ignored || reason.type.includes('initial')) continue;
    const kind = reason.type.includes('asset') ? 'asset' : reason.type.includes('dependency') ? 'dependency' : undefined;
    if (!kind) continue; // package.json files nft reads to resolve: not run-time files
    out.push({ path: slash(file), kind, parents: [...reason.parents].map(slash).sort() });
  }
  return out;
}

/**
 * Traces from the project's modules in the bundle (so tsconfig `paths` imports, which esbuild
 * resolved, are covered) and from the bundled package modules that locate files through
 * __dirname/__filename/import.meta (e.g. a PDF library's font files), one level deep: following
 * every package would cost seconds and find only JavaScript the bundle already holds. Files
 * outside the project are left out: they could not ship at their paths anyway.
 */
export async function traceRunTimeFiles(projectDir: string, projectModules: string[], packageModules: string[]): Promise<TracedFile[]> {
  const [own, packages] = await Promise.all([
    trace(projectDir, projectModules, { resolve: projectOnly }),
    trace(projectDir, packageModules, { depth: 1 }),
  ]);
  const merged = new Map<string, TracedFile>();
  for (const t of [...own, ...packages]) {
    const known = merged.get(t.path);
    merged.set(t.path, known ? { ...known, kind: known.kind === 'asset' ? 'asset' : t.kind, parents: [...new Set([...known.parents, ...t.parents])].sort() } : t);
  }
  return [...merged.values()].sort((a, b) => a.path.localeCompare(b.path));
}
