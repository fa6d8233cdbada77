/** What zap can serve, and how to name a module's exports in a message. */

type AppLike = ((req: unknown, res: unknown) => void) & { handle?: unknown; callback?: unknown };

/** Express (and Connect-style) apps expose handle(); Koa apps expose callback(). */
export function isServableApp(value: unknown): value is AppLike {
  if (typeof value !== 'function' && (typeof value !== 'object' || value === null)) return false;
  const app = value as { handle?: unknown; callback?: unknown };
  return typeof app.handle === 'function' || typeof app.callback === 'function';
}

/** The module's export names; a CommonJS module's interop `default` (its plain exports object) is not one the user wrote. */
export function exportNames(ns: Record<string, unknown>): string {
  const interopDefault = typeof ns.default === 'object' && ns.default !== null && !isServableApp(ns.default);
  const names = Object.keys(ns).filter((k) => k !== '__esModule' && !(k === 'default' && interopDefault));
  return names.length ? names.join(', ') : 'none';
}
