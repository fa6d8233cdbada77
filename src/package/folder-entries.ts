/**
 * A folder's entries, read once while the folder is unchanged. Adding, removing or renaming an entry
 * (a package installed, a `.node` file built, a symlink pointed elsewhere) changes the folder's
 * modification and change times, so a folder with the same identity (inode and both times) lists
 * the same. As for file hashes (file-hash.ts), a folder changed within moments of being read is read
 * again next time. Packaging lists the same node_modules folders for the cache and for native addons
 * on every package; a process that packages more than once reads them once.
 */
import { readdirSync, statSync, type Stats } from 'node:fs';
import { identityOf, settled } from '../util/file-identity';

export interface Entry {
  name: string;
  /** As readdir's own types say: a symlink is neither. */
  isFile: boolean;
  isDirectory: boolean;
}

const known = new Map<string, { id: string; entries: readonly Entry[] }>();

/** The folder's entries in readdir's order; throws as readdirSync does (absent, not a folder). */
export function folderEntries(dir: string): readonly Entry[] {
  const lookedAt = Date.now();
  let st: Stats | undefined;
  try {
    st = statSync(dir, { throwIfNoEntry: false });
  } catch {} // readdir below throws its own error
  const id = st?.isDirectory() ? identityOf(st) : undefined;
  const was = known.get(dir);
  if (id && was?.id === id) return was.entries;
  const entries = readdirSync(dir, { withFileTypes: true }).map((e) => ({ name: e.name, isFile: e.isFile(), isDirectory: e.isDirectory() }));
  if (id && st && settled(st, lookedAt)) known.set(dir, { id, entries });
  else known.delete(dir);
  return entries;
}
