/**
 * Local modules loaded by a computed path (`require(path.join(dir, name))`, `await import(file)`)
 * stay the bundle's own instances: a controller that requires '../db' must see the same db module,
 * and express's Router the same express, as the rest of the app. Each such module nft traced goes
 * into the bundle as a lazy entry of a registry ("zap:run-time-modules"), which the adapter serves
 * to any require() of its path (src/runtime/adapter/computed-require.ts); the file ships too, so
 * `readdirSync` still lists it. Computed calls in project modules are pointed at a require made
 * for the module's original file, so a relative path resolves from where the author wrote it.
 */
import type { Message, Plugin } from 'esbuild';
import { isAbsolute, join, posix, sep } from 'node:path';

export const REGISTRY = 'zap:run-time-modules';
const NAMESPACE = 'zap-run-time';

export interface Site {
  line: number;
  /** 0-based character offset of the `require` / `import` keyword in its line. */
  column: number;
  keyword: 'require' | 'import';
}

/** esbuild counts columns in UTF-8 bytes; the edit needs characters. */
function charColumn(lineText: string, column: number, keyword: string): number | undefined {
  if (lineText.startsWith(keyword, column)) return column;
  const bytes = Buffer.from(lineText, 'utf8');
  const chars = bytes.subarray(0, column).toString('utf8').length;
  return lineText.startsWith(keyword, chars) ? chars : undefined;
}

/** The computed require()/import() calls esbuild reported in project files (not node_modules), by absolute path. */
export function computedSites(projectDir: string, warnings: Message[]): Map<string, Site[]> {
  const sites = new Map<string, Site[]>();
  for (const w of warnings) {
    const keyword = w.id === 'unsupported-require-call' ? 'require' : w.id === 'unsupported-dynamic-import' ? 'import' : undefined;
    const loc = w.location;
    if (!keyword || !loc || (loc.namespace !== 'file' && loc.namespace !== '') || /(^|\/)node_modules\//.test(loc.file)) continue;
    const file = isAbsolute(loc.file) ? loc.file : join(projectDir, loc.file);
    if (!file.startsWith(projectDir + sep)) continue;
    const column = charColumn(loc.lineText, loc.column, keyword);
    if (column === undefined) continue;
    sites.set(file, [...(sites.get(file) ?? []), { line: loc.line, column, keyword }]);
  }
  return sites;
}

/** Points each computed call at the module's own require/import; columns stay valid as later lines and columns go first. */
export function rewriteSites(contents: string, sites: Site[]): string {
  const lines = contents.split('\n');
  const ordered = [...sites].sort((a, b) => b.line - a.line || b.column - a.column);
  for (const s of ordered) {
    const text = lines[s.line - 1];
    if (text === undefined || !text.startsWith(s.keyword, s.column)) continue;
    lines[s.line - 1] = text.slice(0, s.column) + (s.keyword === 'require' ? '__zapRequire' : '__zapImport') + text.slice(s.column + s.keyword.length);
  }
  return lines.join('\n');
}

/** The declarations a rewritten module needs: a require and an import() that start from its original file. */
export function siteLocals(rel: string): string {
  const registry = `require(${JSON.stringify(REGISTRY)})`;
  return `var __zapRequire=${registry}.requireFrom(${JSON.stringify(rel)}),__zapImport=${registry}.importFrom(${JSON.stringify(rel)});`;
}

/**
 * The registry module: every module in `modules` (project-relative) as a lazy entry, and each
 * package in `named` (view engines Express requires by name) the same way, served by the adapter.
 */
export function registrySource(modules: string[], adapterPath: string, named: string[] = []): string {
  const entries = modules.map((m) => `  ${JSON.stringify(m)}: () => require(${JSON.stringify('./' + posix.normalize(m))}),`);
  const packages = named.map((n) => `  ${JSON.stringify(n)}: () => require(${JSON.stringify(n)}),`);
  return [
    `import { computedRequires } from ${JSON.stringify(adapterPath)};`,
    `const registry = computedRequires(__zapRoot, {`,
    ...entries,
    `}, {`,
    ...packages,
    `});`,
    `export const requireFrom = registry.requireFrom, importFrom = registry.importFrom;`,
    '',
  ].join('\n');
}

export function registryPlugin(projectDir: string, source: () => string): Plugin {
  return {
    name: 'zap-run-time-modules',
    setup(build) {
      build.onResolve({ filter: /^zap:run-time-modules$/ }, () => ({ path: REGISTRY, namespace: NAMESPACE }));
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, () => ({ contents: source(), loader: 'js', resolveDir: projectDir }));
    },
  };
}
