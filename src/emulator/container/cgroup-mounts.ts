// Where the kernel's cpu, memory and freezer controllers can be reached: a cgroup v1 hierarchy of
// their own, else the v2 (unified) hierarchy when it offers them. Read from /proc/self/mounts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Controller = 'cpu' | 'memory' | 'freezer';
export interface Mount { root: string; version: 1 | 2 }
export type Mounts = Partial<Record<Controller, Mount>>;

const CONTROLLERS: Controller[] = ['cpu', 'memory', 'freezer'];

/** Parses mount table text (`device path type options …` per line). */
export function parseMounts(table: string, readControllers: (root: string) => string[]): Mounts {
  const out: Mounts = {};
  const v2: string[] = [];
  for (const line of table.split('\n')) {
    const [, path, type, options] = line.split(' ');
    if (!path || !options) continue;
    if (type === 'cgroup2') v2.push(path);
    if (type !== 'cgroup') continue;
    const opts = options.split(',');
    for (const c of CONTROLLERS) if (opts.includes(c) && !out[c]) out[c] = { root: path, version: 1 };
  }
  for (const root of v2) {
    const offered = readControllers(root);
    for (const c of CONTROLLERS) {
      // v2 freezes through cgroup.freeze in every group: no controller to enable.
      if (!out[c] && (c === 'freezer' ? existsSync(join(root, 'cgroup.freeze')) || offered.length > 0 : offered.includes(c))) {
        out[c] = { root, version: 2 };
      }
    }
  }
  return out;
}

export function hostMounts(): Mounts {
  if (process.platform !== 'linux') return {};
  try {
    const table = readFileSync('/proc/self/mounts', 'utf8');
    return parseMounts(table, (root) => {
      try {
        return readFileSync(join(root, 'cgroup.controllers'), 'utf8').trim().split(/\s+/);
      } catch {
        return [];
      }
    });
  } catch {
    return {};
  }
}
