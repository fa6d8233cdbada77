/**
 * Native code writes past zap's read-only guard (src/util/read-only-folder.ts patches Node's fs, not
 * the C library): a SQLite database shipped in the repository (`data/app.db`, opened by
 * better-sqlite3 or sqlite3) opens read-write in the boot check and in `zap local`. On Lambda the code
 * folder is a read-only file system, so SQLite opens it read-only: reads work and every write fails
 * ("attempt to write a readonly database"). What the process holds open for writing is in
 * /proc/self/fdinfo, whoever opened it; the boot check reads it at exit and `zap package` warns.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { relative, sep } from 'node:path';

const O_ACCMODE = 0o3; // O_WRONLY 1, O_RDWR 2

/** Files under `root` this process holds open for writing, absolute; none where /proc is not Linux's. */
export function filesOpenForWriting(root: string): string[] {
  const found = new Set<string>();
  let fds: string[];
  try {
    fds = readdirSync('/proc/self/fd');
  } catch {
    return [];
  }
  for (const fd of fds) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      if (!target.startsWith(root + sep)) continue;
      const flags = /^flags:\s+([0-7]+)/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))?.[1];
      if (flags && (parseInt(flags, 8) & O_ACCMODE) !== 0) found.add(target);
    } catch {
      // closed meanwhile
    }
  }
  return [...found].sort();
}

/** For `zap package`: the files, relative to the artifact's root, and what happens to them on Lambda. */
export function nativeWriteWarning(files: readonly string[], stageDir: string): string | undefined {
  const rel = files.map((f) => relative(stageDir, f).split(sep).join('/')).filter((f) => f && !f.startsWith('..'));
  if (!rel.length) return undefined;
  const named = `${rel.slice(0, 3).join(', ')}${rel.length > 3 ? ', …' : ''}`;
  return (
    `the app opens ${named} for writing at boot from native code (a SQLite database, for one); Lambda's code folder (/var/task) is read-only, ` +
    `so there it opens read-only: reads work and every write fails ("attempt to write a readonly database"; zap local does not show this). ` +
    `Keep the data in a database server, or copy the file under os.tmpdir() (/tmp) at boot and open the copy (its writes then stay in that container)`
  );
}
