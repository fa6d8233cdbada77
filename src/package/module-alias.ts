/**
 * module-alias (`require('module-alias/register')` plus `_moduleAliases` in package.json) is how many
 * JavaScript apps, and TypeScript apps built with tsc, write `require('@lib/format')`: Node learns
 * the aliases at run time, so esbuild, which resolves at build time, would call them uninstalled
 * packages. The same table, read from the project's package.json, resolves them while bundling.
 */
import type { Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { babelAliases } from './babel-aliases';

/** `_moduleAliases` of the project's package.json: alias → absolute target; empty when there is none. */
export function moduleAliases(projectDir: string): Map<string, string> {
  let table: unknown;
  try {
    table = (JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8')) as { _moduleAliases?: unknown })._moduleAliases;
  } catch {
    return new Map(babelAliases(projectDir));
  }
  const out = new Map<string, string>(babelAliases(projectDir));
  if (!table || typeof table !== 'object') return out;
  for (const [alias, target] of Object.entries(table as Record<string, unknown>)) {
    if (typeof target === 'string' && alias) out.set(alias, isAbsolute(target) ? target : join(projectDir, target));
  }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function moduleAliasPlugin(projectDir: string): Plugin {
  return {
    name: 'zap-module-alias',
    setup(build) {
      const aliases = moduleAliases(projectDir);
      if (aliases.size === 0) return;
      // Longest first, as module-alias matches: "@lib/sub" before "@lib".
      const keys = [...aliases.keys()].sort((a, b) => b.length - a.length);
      const filter = new RegExp(`^(${keys.map(escape).join('|')})(/|$)`);
      build.onResolve({ filter }, (args) => {
        if (args.pluginData === 'zap-module-alias') return undefined;
        const key = keys.find((k) => args.path === k || args.path.startsWith(`${k}/`))!;
        const target = aliases.get(key)! + args.path.slice(key.length);
        return build.resolve(target, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'zap-module-alias' }).then((r) =>
          r.errors.length ? { errors: r.errors } : { path: r.path, external: r.external, namespace: r.namespace, sideEffects: r.sideEffects, suffix: r.suffix },
        );
      });
    },
  };
}
