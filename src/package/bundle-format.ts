import type { Message } from 'esbuild';

/**
 * The app bundle is CommonJS (loaded through V8's code cache) unless the app uses top-level await,
 * which esbuild cannot emit in CommonJS; then it is ESM, loaded with import().
 */
export type BundleFormat = 'cjs' | 'esm';

export function isTopLevelAwaitInCjs(m: Message): boolean {
  return /Top-level await is currently not supported with the "cjs" output format/.test(m.text);
}

/**
 * An ESM bundle still holds CommonJS packages (Express is one): they require() Node's modules and
 * read __dirname, which ESM lacks. esbuild's require shim uses a `require` in scope; __dirname and
 * __filename, where no module declares its own, mean the bundle's, as in the CommonJS bundle.
 */
export const ESM_BANNER = [
  'import { createRequire as __zapCreateRequire } from "node:module";',
  'import { fileURLToPath as __zapFileURLToPath } from "node:url";',
  'const require = __zapCreateRequire(import.meta.url);',
  'const __zap_filename = __zapFileURLToPath(import.meta.url);',
  'const __zap_dirname = __zapFileURLToPath(new URL(".", import.meta.url)).replace(/[\\\\/]$/, "");',
].join('\n');

export const ESM_DEFINE = { __dirname: '__zap_dirname', __filename: '__zap_filename' };
