/**
 * The files an app reads at run time, each with the reason it ships: traced by nft, a path Express
 * resolves against the working directory, a module loaded by computed path, or `include`; minus
 * `exclude`. Zip paths are project-relative: the zip's root is the project's root and Lambda's cwd.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TracedFile } from './trace';
import type { CwdPath } from './express-paths';
import { collectIncludes } from './include';
import { listFiles, matchGlobs } from './glob';
import { packageOf } from './packages';
import { howReferenced } from './reference';

const JS_MODULE = /\.[cm]?[jt]sx?$/;

/** Server code, not a browser script: it requires, imports or exports, and never touches window or document. */
function looksLikeNodeModule(source: string): boolean {
  return /\brequire\s*\(|\bmodule\.exports\b|\bexports\.\w|^\s*(import|export)\s/m.test(source) && !/\b(window|document)\b/.test(source);
}

export interface RunTimeInput {
  projectDir: string;
  include: string[];
  exclude: string[];
  external: string[];
  traced: TracedFile[];
  /** Project-relative paths of every module in the bundle. */
  bundled: Set<string>;
  /** Project modules that call require()/import() with a computed argument. */
  computedSites: Set<string>;
  /** A bundled package loads modules by a computed path (require-all, consign and the like). */
  packagesLoadByPath: boolean;
  cwdPaths: CwdPath[];
  /** Names the artifact uses itself (index.js, package.json, the bundle). */
  reserved: Set<string>;
  /** A project file's text, for saying how it refers to what it reads. */
  source: (path: string) => string | undefined;
}

export interface RunTimeFiles {
  /** Zip path → why it ships. */
  files: Map<string, string>;
  /** Local modules loaded by a computed path: bundled as lazy entries and shipped too. */
  modules: string[];
  warnings: string[];
}

function tracedReason(t: TracedFile, source: RunTimeInput['source']): string {
  const parent = t.parents[0];
  if (!parent) return 'traced';
  const how = howReferenced(source(parent), t.path);
  const more = t.parents.length > 1 ? ` and ${t.parents.length - 1} more` : '';
  return `traced from ${parent}${more}${how ? ` (${how})` : ''}`;
}

/**
 * Traced files the bundle does not already hold. From node_modules: what project code names by path
 * (a static folder such as bootstrap/dist), data files packages read, and the files a package finds
 * in its own folder (the lib/*.js that uglify-js, which pug 2 loads, finds with require.resolve and
 * reads); not the JavaScript packages load from each other (it is bundled), nor external packages
 * (copied whole).
 */
function shipsTraced(t: TracedFile, input: RunTimeInput): boolean {
  if (input.bundled.has(t.path)) return false;
  const pkg = packageOf(t.path);
  if (!pkg) return true;
  if (input.external.includes(pkg.name)) return false;
  return t.parents.some((p) => !packageOf(p) || packageOf(p)?.dir === pkg.dir) || (t.kind === 'asset' && !JS_MODULE.test(t.path));
}

export function runTimeFiles(input: RunTimeInput): RunTimeFiles {
  const files = new Map<string, string>();
  const modules: string[] = [];
  const warnings: string[] = [];
  const excluded = (p: string) => input.exclude.length > 0 && matchGlobs([p], input.exclude).length > 0;
  const add = (path: string, reason: string) => {
    if (files.has(path) || excluded(path)) return;
    if (input.reserved.has(path)) return void warnings.push(`${path} (${reason}) not shipped: the artifact uses that name itself`);
    files.set(path, reason);
  };

  const isModuleFile = (f: string) => !packageOf(f) && JS_MODULE.test(f) && !f.endsWith('.d.ts') && !input.bundled.has(f) && !excluded(f);
  const nodeModule = (f: string) => looksLikeNodeModule(readFileSync(join(input.projectDir, f), 'utf8'));
  const bundleToo = (f: string, reason: string) => {
    if (!modules.includes(f)) modules.push(f);
    files.set(f, reason);
  };

  for (const t of input.traced) {
    if (!shipsTraced(t, input)) continue;
    const loader = isModuleFile(t.path) ? t.parents.find((p) => input.computedSites.has(p)) : undefined;
    if (loader) bundleToo(t.path, `computed require in ${loader}`);
    else if (input.packagesLoadByPath && isModuleFile(t.path) && nodeModule(t.path)) bundleToo(t.path, `${tracedReason(t, input.source)}; bundled: a package loads modules by path`);
    else add(t.path, tracedReason(t, input.source));
  }
  for (const c of input.cwdPaths) {
    const abs = join(input.projectDir, c.path);
    if (!existsSync(abs)) continue;
    for (const f of statSync(abs).isDirectory() ? listFiles(input.projectDir, c.path) : [c.path]) if (!input.bundled.has(f)) add(f, c.reason);
  }
  const included = collectIncludes(input.projectDir, input.include, input.reserved);
  warnings.push(...included.warnings);
  const loadsByPath = input.computedSites.size > 0 || input.packagesLoadByPath;
  for (const f of included.files) {
    // The app loads modules by a computed path: an included one is bundled too, so it shares the app's instances.
    if (loadsByPath && isModuleFile(f) && nodeModule(f)) bundleToo(f, 'include (bundled: the app loads modules by computed path)');
    else add(f, 'include');
  }
  return { files, modules: modules.sort(), warnings };
}
