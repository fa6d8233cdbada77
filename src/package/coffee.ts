/**
 * CoffeeScript apps start as `require('coffeescript/register'); require('./app')`, where `./app` is
 * app.coffee, found through the extension the hook registers. esbuild knows no .coffee file, so the
 * bundle compiles each with the project's own `coffeescript` (the compiler the hook would have used,
 * with its options: not bare, so each file keeps its own scope), and resolves `./app` to app.coffee
 * as Node does once the hook is in. Without coffeescript installed nothing changes.
 */
import type { Plugin } from 'esbuild';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileText } from './file-text';

interface Compiler {
  compile(code: string, options: { filename: string; literate?: boolean; bare?: boolean }): string;
}

const EXTENSIONS = ['.coffee', '.litcoffee', '.coffee.md'];

/** The project's own compiler, under either of the names it has been published as; undefined when neither is installed. */
function compilerOf(projectDir: string): Compiler | undefined {
  const req = createRequire(join(projectDir, 'package.json'));
  for (const name of ['coffeescript', 'coffee-script']) {
    try {
      return req(name) as Compiler;
    } catch {
      // not installed under this name
    }
  }
  return undefined;
}

const isFile = (p: string) => existsSync(p) && statSync(p).isFile();

export function coffeePlugin(projectDir: string): Plugin {
  return {
    name: 'zap-coffeescript',
    setup(build) {
      let compiler: Compiler | undefined | null = null;
      const compilerNow = () => (compiler === null ? (compiler = compilerOf(projectDir)) : compiler);
      // `./app` → app.coffee, as require() finds it once coffeescript/register added the extension; only when no .js/.ts is there.
      build.onResolve({ filter: /^\.{1,2}(\/|$)/ }, (args) => {
        if (!args.resolveDir) return undefined;
        const base = resolve(args.resolveDir, args.path);
        if (EXTENSIONS.some((e) => base.endsWith(e))) return isFile(base) && compilerNow() ? { path: base } : undefined;
        if (['.js', '.cjs', '.mjs', '.ts', '.tsx', '.jsx', '.json', '/index.js'].some((e) => isFile(base + e)) || isFile(base)) return undefined;
        const found = EXTENSIONS.map((e) => base + e).find(isFile) ?? EXTENSIONS.map((e) => join(base, 'index' + e)).find(isFile);
        return found && compilerNow() ? { path: found } : undefined;
      });
      build.onLoad({ filter: /\.(lit)?coffee(\.md)?$/ }, (args) => {
        const coffee = compilerNow();
        if (!coffee) return undefined;
        const literate = /\.(litcoffee|coffee\.md)$/.test(args.path);
        return { contents: coffee.compile(fileText(args.path), { filename: args.path, literate }), loader: 'js' };
      });
    },
  };
}
