/** The artifact layout: the contract between the packager (src/package) and the code that runs inside it (src/runtime). */
import { dirname, posix } from 'node:path';

/** Lambda's handler setting for every zap artifact: index.js at the zip's root, export `handler`. */
export const HANDLER = 'index.handler';

/** index.js requires this at the zip's root (src/runtime/app-loader.ts). */
export const APP_BUNDLE = 'zap-app.cjs';

/**
 * Where the app bundle sits in the zip: in the app module's own folder (every module keeps its own
 * __dirname whatever the bundle's place, src/package/dirname-plugin.ts; the place stays so compile
 * caches and stack traces keep their paths). When that folder is not the root, a one-line stub at the
 * root forwards to it. `.cjs` because the project may be "type": "module".
 */
export function bundlePath(appFile: string, format: 'cjs' | 'esm' = 'cjs'): string {
  const dir = dirname(appFile.split('\\').join('/'));
  const name = format === 'esm' ? APP_BUNDLE_ESM : APP_BUNDLE;
  return dir === '.' || dir === '' ? name : posix.join(dir, name);
}

/** An ESM bundle (the app uses top-level await) cannot be require()d: the stub names it with import(). */
export const APP_BUNDLE_ESM = 'zap-app.mjs';

export function rootStub(bundle: string): string | undefined {
  if (bundle === APP_BUNDLE) return undefined;
  const load = bundle.endsWith('.mjs') ? 'import' : 'require';
  return `module.exports = ${load}(${JSON.stringify('./' + bundle)});\n`;
}

/** The error name the runtime adapter gives a module with no servable app; `zap package`'s boot check turns it into a settings error. */
export const APP_EXPORT_ERROR = 'ZapAppExportError';

/** The artifact marks its .js files as CommonJS whatever the project's package.json says. */
// A literal, not JSON.stringify(...): a call would be kept in index.js, which imports this file for APP_BUNDLE.
export const ROOT_PACKAGE_JSON = '{"private":true,"type":"commonjs"}\n';
