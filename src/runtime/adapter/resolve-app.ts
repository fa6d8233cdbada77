/** Picks the user's app out of its module and checks that it is something serverless-express can serve. */

import { APP_EXPORT_ERROR } from '../../contracts/layout';

type AppLike = ((req: unknown, res: unknown) => void) & { handle?: unknown; callback?: unknown };

/** Express (and Connect-style) apps expose handle(); Koa apps expose callback(). */
export function isServableApp(value: unknown): value is AppLike {
  if (typeof value !== 'function' && (typeof value !== 'object' || value === null)) return false;
  const app = value as { handle?: unknown; callback?: unknown };
  return typeof app.handle === 'function' || typeof app.callback === 'function';
}

/** The module's export names; a CommonJS module's interop `default` (its plain exports object) is not one the user wrote. */
function exportNames(ns: Record<string, unknown>): string {
  const interopDefault = typeof ns.default === 'object' && ns.default !== null && !isServableApp(ns.default);
  const names = Object.keys(ns).filter((k) => k !== '__esModule' && !(k === 'default' && interopDefault));
  return names.length ? names.join(', ') : 'none';
}

/**
 * `picked` is ns[exportName], read in the generated entry so that esbuild can flag a missing ESM
 * export at build time. A CommonJS `module.exports = app` arrives as the namespace's default.
 */
export function resolveApp(ns: Record<string, unknown>, picked: unknown, exportName: string, file: string): AppLike {
  if (isServableApp(picked)) return picked;
  if (exportName === 'default' && isServableApp(ns)) return ns as unknown as AppLike;
  const what = picked === undefined ? 'no export' : `an export that is not an Express app (got ${typeof picked})`;
  const err = new Error(
    `${file} has ${what} named "${exportName}" (its exports: ${exportNames(ns)}). ` +
      `Export the Express app without calling listen(), and set "app" in zap.json to "${file}#<export name>".`,
  );
  err.name = APP_EXPORT_ERROR;
  throw err;
}
