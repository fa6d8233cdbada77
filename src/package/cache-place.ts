/**
 * The packaging cache's record is portable: it names every path relative to the project folder
 * (`src/app.js`, `../../node_modules/express/index.js`, `..` for the folder above), and zap's own
 * files relative to zap's built code (`<zap-dist>/runtime/index.js`; zap's build is in the key).
 * So a project moved or cloned to another folder, or whose `.zap/` a CI cache restored into a new
 * checkout, reuses its artifact when its surroundings are the same relative to it, and builds again,
 * naming what differs, when they are not. Pure: cache.ts reads and writes the files.
 */
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { CacheRecord, Snapshot } from './cache-key';

const ZAP = '<zap-dist>';

/** Where the record lives, for the conversion both ways: the project folder and zap's built code (its dist/). */
export interface Place {
  projectDir: string;
  zapDist: string;
}

function recorded(place: Place, abs: string): string {
  const zap = relative(place.zapDist, abs);
  // zap's files stay zap's wherever zap is installed, unless zap is the project's own (in its node_modules).
  if (!zap.startsWith('..') && !isAbsolute(zap) && relative(place.projectDir, place.zapDist).startsWith('..')) return zap ? `${ZAP}${sep}${zap}` : ZAP;
  return relative(place.projectDir, abs) || '.';
}

function placed(place: Place, rec: string): string {
  if (rec === ZAP || rec.startsWith(ZAP + sep)) return join(place.zapDist, rec.slice(ZAP.length));
  return resolve(place.projectDir, rec);
}

function mapKeys<V>(o: Record<string, V>, f: (k: string) => string): Record<string, V> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [f(k), v]));
}

/** The record as written: every path relative (the folder's `/**` tree key becomes `**`). */
export function portableRecord<R extends { artifact: string }>(place: Place, record: CacheRecord<R>): CacheRecord<R> {
  const to = (p: string) => recorded(place, p);
  return {
    ...record,
    snapshot: { files: mapKeys(record.snapshot.files, to), dirs: mapKeys(record.snapshot.dirs, to) },
    ...(record.identities ? { identities: mapKeys(record.identities, to) } : {}),
    artifact: to(record.artifact),
    result: { ...record.result, artifact: to(record.result.artifact) },
  };
}

/**
 * The record with its paths placed in this project folder; undefined when two recorded paths meet
 * at one (the project is now nearer the file system's root than the folders its record reaches up to).
 */
export function placedRecord<R extends { artifact: string }>(place: Place, record: CacheRecord<R>): CacheRecord<R> | undefined {
  const to = (p: string) => placed(place, p);
  const files = mapKeys(record.snapshot.files, to);
  const dirs = mapKeys(record.snapshot.dirs, to);
  if (Object.keys(files).length !== Object.keys(record.snapshot.files).length || Object.keys(dirs).length !== Object.keys(record.snapshot.dirs).length) return undefined;
  const identities = typeof record.identities === 'object' && record.identities !== null ? { identities: mapKeys(record.identities, to) } : {};
  return { ...record, snapshot: { files, dirs }, ...identities, artifact: to(record.artifact), result: { ...record.result, artifact: to(record.result.artifact) } };
}

/**
 * What a snapshot taken here should hold: the recorded one, plus the folders above this project the
 * record does not reach (it was made nearer the root) expected absent, as they were there.
 */
export function expectedHere(was: Snapshot, around: { files: Iterable<string>; dirs: Iterable<string> }): Snapshot {
  const files = { ...was.files };
  const dirs = { ...was.dirs };
  for (const f of around.files) if (!(f in files)) files[f] = null;
  for (const d of around.dirs) if (!(d in dirs)) dirs[d] = null;
  return { files, dirs };
}
