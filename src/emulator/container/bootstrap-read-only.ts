/**
 * As on Lambda, the function's code folder is read-only from inside its container: a write there
 * fails with EROFS (src/util/read-only-folder.ts). The folder is a writable temp folder on this
 * host, so the check is made in the container's own fs module, for the app's JavaScript.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { syncBuiltinESMExports } from 'node:module';
import { readOnlyCodeFolder } from '../../util/read-only-folder';

function pathOf(p: unknown): string | undefined {
  if (p instanceof URL) return p.protocol === 'file:' ? fileURLToPath(p) : undefined;
  if (Buffer.isBuffer(p)) p = p.toString('utf8');
  if (typeof p !== 'string') return undefined;
  return resolve(p.startsWith('file:') ? fileURLToPath(p) : p);
}

export function codeFolderOf(taskRoot: string | undefined): void {
  if (!taskRoot) return;
  const root = resolve(taskRoot);
  readOnlyCodeFolder(
    (p) => {
      const abs = pathOf(p);
      if (!abs) return undefined;
      const rel = relative(root, abs);
      return rel.startsWith('..') || isAbsolute(rel) ? undefined : abs;
    },
    () => {},
  );
  syncBuiltinESMExports(); // ESM code that imports fs functions by name gets these too
}
