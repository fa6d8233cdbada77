/**
 * A file's sha256, read from disk once per content: each hash is kept with the file's identity
 * (inode, size, modification and change times) and given again while the file still has that
 * identity. Any write or rename changes the change time, which no user can set, so a file with the
 * same identity holds the same bytes; a file changed within moments of being hashed could share
 * its times (the kernel's clock is coarse), so its hash is kept only once it has settled, as git
 * treats "racily clean" files. The packaging cache asks for the same files on every package and
 * carries the identities in its record (cache.ts), so an unchanged project is checked by `stat` alone.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { identityOf, settled } from '../util/file-identity';

const known = new Map<string, { id: string; hash: string }>();

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** The file's sha256, or null when it cannot be read (absent, a folder, unreadable). */
export function fileHash(file: string): string | null {
  const lookedAt = Date.now();
  try {
    // An absent file is common (package.json looked for in every folder): no error is made for it.
    const st = statSync(file, { throwIfNoEntry: false });
    if (!st || !st.isFile()) {
      known.delete(file);
      return st ? sha256(readFileSync(file)) : null;
    }
    const id = identityOf(st);
    const was = known.get(file);
    if (was?.id === id) return was.hash;
    const hash = sha256(readFileSync(file));
    if (settled(st, lookedAt)) known.set(file, { id, hash });
    else known.delete(file);
    return hash;
  } catch {
    known.delete(file);
    return null;
  }
}

/** The settled identities of these files as last hashed, to keep beside their hashes. */
export function identitiesOf(files: Iterable<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of files) {
    const k = known.get(f);
    if (k) out[f] = k.id;
  }
  return out;
}

/** Hashes known from an earlier run (the cache record), each valid while its file keeps the identity given. */
export function learnHashes(hashes: Record<string, string | null>, identities: Record<string, string>): void {
  for (const [f, id] of Object.entries(identities)) {
    const hash = hashes[f];
    if (typeof hash === 'string' && typeof id === 'string') known.set(f, { id, hash });
  }
}
