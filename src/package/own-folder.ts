/**
 * A package that hands out its own folder for the app to serve: swagger-ui-dist's
 * `getAbsoluteFSPath()` is `path.resolve(__dirname)`, which swagger-ui-express gives to
 * express.static. No tracer can tell which of the folder's files a browser will ask for, and
 * without them express.static falls through to the next handler (swagger-ui-express answers its
 * HTML page for swagger-ui.css), so the package's whole folder ships, as under `node`.
 */
import type { CwdPath } from './express-paths';
import { packageOf } from './packages';

/** `path.resolve(__dirname)`, `return __dirname`, `module.exports = __dirname`, `exports.dir = __dirname`. */
const OWN_FOLDER = /\bresolve\(\s*__dirname\s*\)|\breturn\s+__dirname\s*[;}\n]|\bexports(\.\w+)?\s*=\s*__dirname\s*[;\n]/;

export function handsOutOwnFolder(source: string): boolean {
  return OWN_FOLDER.test(source);
}

/** The folders to ship, one per package (not external ones: they ship whole anyway). */
export function ownFolderPaths(modules: string[], external: string[]): CwdPath[] {
  const byDir = new Map<string, string>();
  for (const m of modules) {
    const pkg = packageOf(m);
    if (pkg && !external.includes(pkg.name) && !byDir.has(pkg.dir)) byDir.set(pkg.dir, m);
  }
  return [...byDir].map(([dir, m]) => ({ path: dir, reason: `${m} hands out its own folder (__dirname)` }));
}
