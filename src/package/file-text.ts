/**
 * A source file's text, read from disk once while the file is unchanged (its identity: inode, size,
 * modification and change times, as in file-hash.ts, with the same wait for a file to settle).
 * Every package reads each bundled module to look for `__dirname`, handed-out `require`s and the
 * like; a process that packages more than once (a deploy after a failed boot check, tests) reads
 * the same node_modules again and again. At most MAX_CHARS are kept.
 */
import { readFileSync, statSync, type Stats } from 'node:fs';
import { identityOf, settled } from '../util/file-identity';

const MAX_CHARS = 64 * 1024 * 1024;

const known = new Map<string, { id: string; text: string }>();
let keptChars = 0;

/** The file as UTF-8 text; throws as readFileSync does. */
export function fileText(file: string): string {
  const lookedAt = Date.now();
  let st: Stats | undefined;
  try {
    st = statSync(file, { throwIfNoEntry: false });
  } catch {} // the read below throws its own error
  const id = st?.isFile() ? identityOf(st) : undefined;
  const was = known.get(file);
  if (id && was?.id === id) return was.text;
  const text = readFileSync(file, 'utf8');
  if (was) (known.delete(file), (keptChars -= was.text.length));
  if (id && st && settled(st, lookedAt) && keptChars + text.length <= MAX_CHARS) {
    known.set(file, { id, text });
    keptChars += text.length;
  }
  return text;
}
