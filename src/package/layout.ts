import { dirname, posix } from 'node:path';

/** Lambda's handler setting for every zap artifact: index.js at the zip's root, export `handler`. */
export const HANDLER = 'index.handler';

/** index.js requires this at the zip's root (src/runtime/app-loader.ts). */
export const APP_BUNDLE = 'zap-app.cjs';

/**
 * Where the app bundle sits in the zip: in the app module's own folder (every module keeps its own
 * __dirname whatever the bundle's place, dirname-plugin.ts; the place stays so compile caches and
 * stack traces keep their paths). When that folder is not the root, a one-line stub at the root
 * forwards to it. `.cjs` because the project may be "type": "module".
 */
export function bundlePath(appFile: string): string {
  const dir = dirname(appFile.split('\\').join('/'));
  return dir === '.' || dir === '' ? APP_BUNDLE : posix.join(dir, APP_BUNDLE);
}

export function rootStub(bundle: string): string | undefined {
  if (bundle === APP_BUNDLE) return undefined;
  return `module.exports = require(${JSON.stringify('./' + bundle)});\n`;
}

/** The artifact marks its .js files as CommonJS whatever the project's package.json says. */
export const ROOT_PACKAGE_JSON = JSON.stringify({ private: true, type: 'commonjs' }) + '\n';
