/** The package report's view of run-time files: one line per folder shipped for one reason. */
import { posix } from 'node:path';
import { listFiles } from './glob';

export interface RunTimeLine {
  /** A file, or a folder ending in "/". */
  path: string;
  files: number;
  reason: string;
}

/**
 * Files sharing a reason are shown by the highest folder the reason ships whole ("src/views/ (12
 * files)"); the rest by their own folder ("data/ (2 of 5 files)") or alone ("data/x.json").
 */
export function runTimeLines(projectDir: string, files: Map<string, string>): RunTimeLine[] {
  const listing = new Map<string, string[]>();
  const filesIn = (dir: string) => {
    if (!listing.has(dir)) {
      try {
        listing.set(dir, listFiles(projectDir, dir));
      } catch {
        listing.set(dir, []);
      }
    }
    return listing.get(dir)!;
  };
  const byReason = new Map<string, Set<string>>();
  for (const [path, reason] of files) byReason.set(reason, (byReason.get(reason) ?? new Set()).add(path));

  const lines: RunTimeLine[] = [];
  for (const [reason, paths] of byReason) {
    const groups = new Map<string, { whole: boolean; files: string[] }>();
    for (const file of paths) {
      let whole: string | undefined;
      for (let dir = posix.dirname(file); dir !== '.'; dir = posix.dirname(dir)) {
        const all = filesIn(dir);
        if (all.length === 0 || !all.every((f) => paths.has(f))) break;
        whole = dir;
      }
      const key = whole ?? posix.dirname(file);
      const g = groups.get(key) ?? { whole: whole !== undefined, files: [] };
      g.files.push(file);
      groups.set(key, g);
    }
    for (const [dir, g] of groups) {
      if (g.files.length === 1 || dir === '.') for (const f of g.files) lines.push({ path: f, files: 1, reason });
      else if (g.whole) lines.push({ path: `${dir}/`, files: g.files.length, reason });
      else lines.push({ path: `${dir}/`, files: g.files.length, reason: `${reason}; ${g.files.length} of its ${filesIn(dir).length} files` });
    }
  }
  return lines.sort((a, b) => a.path.localeCompare(b.path));
}

export function formatLine(l: RunTimeLine): string {
  return l.path.endsWith('/') ? `${l.path} (${l.files} file${l.files === 1 ? '' : 's'}): ${l.reason}` : `${l.path}: ${l.reason}`;
}
