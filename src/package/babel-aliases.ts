/**
 * babel-plugin-module-resolver (`"plugins": [["module-resolver", { "root": ["./src"], "alias": { "@": "./src" } }]]`
 * in .babelrc) is how apps run under @babel/register write `import users from '@/routes/users'`: Babel
 * rewrites the path as it compiles each file. The bundle is compiled by esbuild, which knows no such
 * alias and would call `@/routes/users` an uninstalled package, so the same table, read from the
 * project's Babel config, resolves those paths while bundling: aliases first, then the roots.
 */
import type { Plugin } from 'esbuild';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileText } from './file-text';

interface ResolverOptions {
  root?: string | string[];
  alias?: Record<string, string>;
}

/** The project's Babel config as an object: JSON files, package.json's "babel", or a JS file that exports an object. */
function babelConfig(projectDir: string): { plugins?: unknown[] } | undefined {
  for (const name of ['babel.config.json', '.babelrc', '.babelrc.json']) {
    const file = join(projectDir, name);
    if (!existsSync(file)) continue;
    try {
      // .babelrc may hold comments (JSON5): drop whole-line ones before parsing.
      return JSON.parse(fileText(file).replace(/^\s*\/\/.*$/gm, '')) as { plugins?: unknown[] };
    } catch {
      return undefined;
    }
  }
  for (const name of ['babel.config.js', 'babel.config.cjs', '.babelrc.js', '.babelrc.cjs']) {
    const file = join(projectDir, name);
    if (!existsSync(file)) continue;
    try {
      const loaded = createRequire(file)(file) as unknown;
      return typeof loaded === 'object' && loaded !== null ? (loaded as { plugins?: unknown[] }) : undefined;
    } catch {
      return undefined;
    }
  }
  try {
    return (JSON.parse(fileText(join(projectDir, 'package.json'))) as { babel?: { plugins?: unknown[] } }).babel;
  } catch {
    return undefined;
  }
}

/** module-resolver's options, when the config names the plugin. */
export function moduleResolverOptions(projectDir: string): ResolverOptions | undefined {
  for (const entry of babelConfig(projectDir)?.plugins ?? []) {
    const [name, options] = Array.isArray(entry) ? entry : [entry, {}];
    if (typeof name === 'string' && /(^|\/|babel-plugin-)module-resolver$/.test(name)) return (options ?? {}) as ResolverOptions;
  }
  return undefined;
}

const isBare = (s: string) => !/^(\.{1,2}(\/|$)|\/|node:)/.test(s);

export function babelAliasPlugin(projectDir: string): Plugin {
  return {
    name: 'zap-babel-module-resolver',
    setup(build) {
      const options = moduleResolverOptions(projectDir);
      if (!options) return;
      // Regular-expression keys ("^@(.+)") and glob roots are left to fail as before: rare, and no plain prefix.
      const aliases = Object.entries(options.alias ?? {}).filter(([k, v]) => typeof v === 'string' && k && !k.startsWith('^')).sort(([a], [b]) => b.length - a.length);
      const roots = [options.root ?? []].flat().filter((r) => typeof r === 'string' && !/[*{]/.test(r)).map((r) => resolve(projectDir, r));
      if (!aliases.length && !roots.length) return;
      const again = (path: string, args: { kind: import('esbuild').ImportKind; resolveDir: string; importer: string }) =>
        build.resolve(path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'zap-babel-alias' });
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === 'zap-babel-alias' || !isBare(args.path) || args.importer.includes('/node_modules/')) return undefined;
        const alias = aliases.find(([k]) => args.path === k || args.path.startsWith(`${k}/`));
        if (alias) {
          const r = await again(resolve(projectDir, alias[1]) + args.path.slice(alias[0].length), args);
          return r.errors.length ? { errors: r.errors } : { path: r.path, external: r.external, namespace: r.namespace, sideEffects: r.sideEffects };
        }
        for (const root of roots) {
          const r = await again(join(root, args.path), args);
          if (!r.errors.length) return { path: r.path, external: r.external, namespace: r.namespace, sideEffects: r.sideEffects };
        }
        return undefined;
      });
    },
  };
}
