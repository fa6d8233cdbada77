/**
 * Require hooks that compile the project's files as Node loads them (`require('@babel/register')` at
 * the top of index.js, `ts-node/register`, `esbuild-register`, `@swc/register`, `sucrase/register`).
 * In the bundle every project file is already compiled (JSX and TypeScript included) and none is
 * loaded through Node's require, so the hook has nothing to do, but bundled it brought its compiler:
 * @babel/register put 5.5 MB of @babel/* into a 7.2 MB bundle, parsed on every cold start, and its
 * config loading at boot. The app's own require of the hook gets an empty register function instead.
 */
import type { Metafile, Plugin } from 'esbuild';

const HOOKS = ['@babel/register', 'ts-node/register', 'ts-node/register/transpile-only', 'esbuild-register', 'esbuild-register/dist/node', '@swc/register', '@swc-node/register', 'sucrase/register'];
const NAMESPACE = 'zap-compile-hook';
const STUB = 'function register() { return { revert() {}, unregister() {} }; }\nregister.default = register;\nregister.register = register;\nmodule.exports = register;\n';

/** Only the project's own requires: a package that uses a compiler on purpose keeps it. */
export function compileHooksPlugin(): Plugin {
  return {
    name: 'zap-compile-hooks',
    setup(build) {
      const filter = new RegExp(`^(${HOOKS.map((h) => h.replace(/[/.@-]/g, (c) => `\\${c}`)).join('|')})$`);
      build.onResolve({ filter }, (args) => (args.importer.includes('node_modules') ? undefined : { path: args.path, namespace: NAMESPACE }));
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, () => ({ contents: STUB, loader: 'js' }));
    },
  };
}

export function compileHookNotes(metafile: Metafile): string[] {
  return Object.keys(metafile.inputs)
    .filter((k) => k.startsWith(`${NAMESPACE}:`))
    .map((k) => `${k.slice(NAMESPACE.length + 1)} left out of the bundle: zap compiles the project's files itself, so the require hook has nothing to compile on Lambda`);
}
