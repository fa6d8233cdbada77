/**
 * Project files the app starts as programs of their own: `new Worker(path.join(__dirname, 'w.js'))`,
 * `fork('./jobs/report.js')`. Such a file runs in a fresh module registry (a worker thread or a
 * child process), so the app's bundle does not serve its require()s: shipped as a bare copy, a
 * worker that requires a package (or a forked job the tracer never saw: fork() paths are relative
 * to the working directory) dies on Lambda with "Cannot find module" while `node app` works. Each
 * one found here is bundled alone, with its packages, at its own path, so it starts as it does
 * under node.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { StageSettings } from '../settings/types';
import { bundleApp } from './bundle';
import { dirnamePlugin } from './dirname-plugin';
import { metafileFiles } from './cache-inputs';

export interface StartedFile {
  /** Project-relative path, forward slashes: where it ships. */
  path: string;
  /** The module that starts it, and how. */
  by: string;
  how: 'new Worker' | 'fork';
}

const CALL = /\b(new\s+Worker|fork)\s*\(\s*/g;
const STR = `['"\`]([^'"\`$]+)['"\`]`;
const LITERALS = new RegExp(`^((?:\\s*,\\s*${STR})*)\\s*\\)`);
const FORMS: { re: RegExp; base: 'file' | 'cwd'; parts: (m: RegExpMatchArray) => string[] }[] = [
  { re: new RegExp(`^${STR}`), base: 'cwd', parts: (m) => [m[1]!] },
  { re: new RegExp(`^new\\s+URL\\(\\s*${STR}\\s*,\\s*import\\.meta\\.url\\s*\\)`), base: 'file', parts: (m) => [m[1]!] },
  { re: new RegExp(`^__dirname\\s*\\+\\s*${STR}`), base: 'file', parts: (m) => [m[1]!] },
  { re: /^`\$\{__dirname\}([^`$]+)`/, base: 'file', parts: (m) => [m[1]!] },
  { re: new RegExp(`^require\\.resolve\\(\\s*${STR}\\s*\\)`), base: 'file', parts: (m) => [m[1]!] },
];
const JOINED = /^(?:path\.)?(?:join|resolve)\(\s*(__dirname|process\.cwd\(\))/;

/** The file a call's first argument names, when it is built from literals and the module's or the working folder. */
function argumentPath(projectDir: string, moduleFile: string, arg: string): string | undefined {
  const joined = JOINED.exec(arg);
  if (joined) {
    const rest = LITERALS.exec(arg.slice(joined[0].length));
    if (!rest) return undefined;
    const parts = [...rest[1]!.matchAll(new RegExp(STR, 'g'))].map((m) => m[1]!);
    return resolve(joined[1] === '__dirname' ? dirname(moduleFile) : projectDir, ...parts);
  }
  for (const form of FORMS) {
    const m = arg.match(form.re);
    if (m) return resolve(form.base === 'file' ? dirname(moduleFile) : projectDir, ...form.parts(m));
  }
  return undefined;
}

const withExtension = (abs: string) => ['', '.js', '.cjs', '.mjs'].map((e) => abs + e).find((f) => existsSync(f) && statSync(f).isFile());

/** Project files started by `new Worker(...)` or `fork(...)` in the given project modules (absolute paths). */
export function startedFiles(projectDir: string, modules: string[]): StartedFile[] {
  const found = new Map<string, StartedFile>();
  for (const file of modules) {
    if (/[\\/]node_modules[\\/]/.test(file) || !/\.[cm]?[jt]sx?$/.test(file)) continue;
    let source: string;
    try {
      source = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    if (!/\b(Worker|fork)\b/.test(source)) continue;
    for (const call of source.matchAll(CALL)) {
      const abs = argumentPath(projectDir, file, source.slice(call.index! + call[0].length, call.index! + call[0].length + 300));
      const target = abs && withExtension(abs);
      const rel = target && relative(projectDir, target).split('\\').join('/');
      if (!rel || rel.startsWith('..') || rel.startsWith('node_modules/') || found.has(rel)) continue;
      found.set(rel, { path: rel, by: relative(projectDir, file).split('\\').join('/'), how: call[1]!.startsWith('new') ? 'new Worker' : 'fork' });
    }
  }
  return [...found.values()].sort((a, b) => a.path.localeCompare(b.path));
}

export interface BundledStart extends StartedFile {
  code: Buffer;
  reason: string;
  /** Files esbuild read, for the packaging cache. */
  inputs: string[];
}

/** Each started file bundled alone at its own path, with the app's externals left to node_modules. */
export async function bundleStartedFiles(projectDir: string, settings: StageSettings, external: string[], modules: string[]): Promise<BundledStart[]> {
  const out: BundledStart[] = [];
  for (const s of startedFiles(projectDir, modules)) {
    const esm = s.path.endsWith('.mjs');
    const entry = esm ? `import ${JSON.stringify('./' + s.path)};\n` : `require(${JSON.stringify('./' + s.path)});\n`;
    const built = await bundleApp({ projectDir, settings, entry, bundle: s.path, external, plugins: [dirnamePlugin({ projectDir, bundle: s.path })] }, esm ? 'esm' : 'cjs');
    out.push({ ...s, code: built.code, reason: `started by ${s.by} (${s.how}): bundled alone with what it requires`, inputs: metafileFiles(projectDir, built.metafile) });
  }
  return out;
}
