/**
 * babel-plugin-module-resolver, as Babel-compiled servers write imports: `root: ['./src']` makes
 * `import App from 'components/App'` mean `src/components/App`, and `alias: { '@lib': './src/lib' }`
 * maps a prefix. Babel rewrote those paths as it compiled each file; esbuild does not run Babel, so
 * it called them uninstalled packages ("run `npm i components`"). The plugin's options, read from the
 * project's JSON Babel config (.babelrc, .babelrc.json, babel.config.json, package.json "babel"),
 * resolve them while bundling: roots as esbuild's nodePaths, aliases as module-alias's table.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fileText } from './file-text';

interface ResolverOptions {
  root?: string | string[];
  alias?: Record<string, unknown>;
}

type PluginItem = string | [string, unknown?];

function babelConfig(projectDir: string): { plugins?: PluginItem[] } | undefined {
  for (const file of ['.babelrc', '.babelrc.json', 'babel.config.json']) {
    const path = join(projectDir, file);
    if (!existsSync(path)) continue;
    try {
      return JSON.parse(fileText(path)) as { plugins?: PluginItem[] };
    } catch {
      return undefined; // not JSON (JSON5 or comments): left to the user's paths
    }
  }
  try {
    return (JSON.parse(fileText(join(projectDir, 'package.json'))) as { babel?: { plugins?: PluginItem[] } }).babel;
  } catch {
    return undefined;
  }
}

function resolverOptions(projectDir: string): ResolverOptions | undefined {
  for (const item of babelConfig(projectDir)?.plugins ?? []) {
    const [name, options] = Array.isArray(item) ? item : [item];
    if (['module-resolver', 'babel-plugin-module-resolver'].includes(name) && options && typeof options === 'object') return options as ResolverOptions;
  }
  return undefined;
}

const inProject = (projectDir: string, p: string) => (isAbsolute(p) ? p : join(projectDir, p));

/** The plugin's roots, absolute (only plain folders: globs are left alone). */
export function babelRoots(projectDir: string): string[] {
  const root = resolverOptions(projectDir)?.root;
  return (typeof root === 'string' ? [root] : root ?? []).filter((r) => typeof r === 'string' && !/[*?]/.test(r)).map((r) => inProject(projectDir, r));
}

/** The plugin's aliases (plain prefixes; regular-expression keys are left alone) → absolute targets. */
export function babelAliases(projectDir: string): [string, string][] {
  const alias = resolverOptions(projectDir)?.alias ?? {};
  return Object.entries(alias)
    .filter(([k, v]) => typeof v === 'string' && !k.startsWith('^'))
    .map(([k, v]) => [k, /^\.{1,2}\//.test(v as string) ? inProject(projectDir, v as string) : (v as string)]);
}
