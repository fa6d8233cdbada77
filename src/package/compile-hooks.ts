/**
 * Require hooks that compile sources as Node loads them: `require('@babel/register')` in bin/www
 * before ES-module source, `require = require('esm')(module)`, `ts-node/register`, `@swc/register`,
 * sucrase's and esbuild-register's. The bundle has compiled every module it holds already, and Node
 * never loads them, so the hook has nothing to do; bundled, it would still cost its compiler at each
 * cold start, and @babel/register 8 compiles in a worker thread the main thread waits on (Atomics.wait),
 * which hangs the boot when the worker cannot load @babel/core from the artifact. So each is replaced by
 * a module that does nothing (esm's gives back the module's own require), and `zap package` says so.
 */
import type { Metafile, Plugin } from 'esbuild';

const NAMESPACE = 'zap-compile-hook';

/** Specifiers that install a compile hook by being required. */
const HOOKS = new Set([
  '@babel/register',
  'babel-register',
  'babel-core/register',
  'ts-node/register',
  'ts-node/register/transpile-only',
  '@swc/register',
  '@swc-node/register',
  'sucrase/register',
  'sucrase/register/ts',
  'esbuild-register',
  'esbuild-register/dist/node',
  'coffeescript/register',
  'coffee-script/register',
  'esm',
]);

export const isCompileHook = (specifier: string): boolean => HOOKS.has(specifier);

/** esm exports a factory: given a module, it answers a require for it. Node's own require serves what is not bundled. */
const ESM_STUB = 'module.exports = function esm(mod) {\n  return mod && typeof mod.require === "function" ? function (id) { return mod.require(id); } : require;\n};\n';
/** @babel/register and babel-register are also functions (`require('@babel/register')({ presets })`), with revert(). */
const REGISTER_STUB = 'function register() { return { revert() {}, unregister() {} }; }\nregister.default = register;\nregister.register = register;\nregister.revert = function () {};\nmodule.exports = register;\n';

export function compileHooksPlugin(external: readonly string[]): Plugin {
  return {
    name: 'zap-compile-hooks',
    setup(build) {
      build.onResolve({ filter: /^(@babel\/|babel-|ts-node\/|@swc|sucrase\/|esbuild-register|coffee-?script\/|esm$)/ }, (args) =>
        // Only the project's own requires: a package that uses a compiler on purpose keeps it.
        HOOKS.has(args.path) && !external.includes(args.path) && !args.importer.includes('node_modules') ? { path: args.path, namespace: NAMESPACE } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({ contents: args.path === 'esm' ? ESM_STUB : REGISTER_STUB, loader: 'js' }));
    },
  };
}

/** One note per hook left out. */
export function compileHookNotes(metafile: Metafile): string[] {
  const prefix = `${NAMESPACE}:`;
  return Object.keys(metafile.inputs)
    .filter((i) => i.startsWith(prefix))
    .map((i) => i.slice(prefix.length))
    .sort()
    .map((hook) => `require('${hook}') compiles sources as Node loads them; the bundle holds them compiled already, so it does nothing there (modules the app loads from files zap does not bundle are not compiled)`);
}
