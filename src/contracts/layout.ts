/** The artifact layout: the contract between the packager (src/package) and the code that runs inside it (src/runtime). */
import { dirname, posix } from 'node:path';

/** Lambda's handler setting for every zap artifact: index.js at the zip's root, export `handler`. */
export const HANDLER = 'index.handler';

/** index.js requires this at the zip's root (src/runtime/app-loader.ts). */
export const APP_BUNDLE = 'zap-app.cjs';

/**
 * Where the app bundle sits in the zip. Bundling gives every module the bundle's __dirname, so the
 * bundle goes in the app module's own folder: `path.join(__dirname, 'views')` in src/app.ts finds
 * src/views, which `include` copies at its project-relative path. When that folder is not the root,
 * a one-line stub at the root forwards to it. `.cjs` because the project may be "type": "module".
 */
export function bundlePath(appFile: string): string {
  const dir = dirname(appFile.split('\\').join('/'));
  return dir === '.' || dir === '' ? APP_BUNDLE : posix.join(dir, APP_BUNDLE);
}

export function rootStub(bundle: string): string | undefined {
  if (bundle === APP_BUNDLE) return undefined;
  return `module.exports = require(${JSON.stringify('./' + bundle)});\n`;
}

/** The error name the runtime adapter gives a module with no servable app; `zap package`'s boot check turns it into a settings error. */
export const APP_EXPORT_ERROR = 'ZapAppExportError';

/** The artifact marks its .js files as CommonJS whatever the project's package.json says. */
// A literal, not JSON.stringify(...): a call would be kept in index.js, which imports this file for APP_BUNDLE.
export const ROOT_PACKAGE_JSON = '{"private":true,"type":"commonjs"}\n';
