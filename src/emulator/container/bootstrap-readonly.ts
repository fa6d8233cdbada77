/**
 * Lambda mounts the function's code (/var/task) read-only: an app that writes beside its code (a
 * lowdb/nedb JSON file, an upload folder, a log file, a cache) works under `node` and fails on Lambda
 * with EROFS. Containers here run as the emulator's user (root, often, which file modes do not stop),
 * so the runtime's own fs refuses writes under LAMBDA_TASK_ROOT as Lambda's mount does; /tmp stays
 * writable. Patched in the container before the handler loads, so the app sees it whichever way it
 * imports fs (ESM named imports included, through syncBuiltinESMExports).
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

type Fn = (...args: unknown[]) => unknown;

/** Which arguments are paths that get written: 0 for most calls, 1 for the destination of copy/rename/symlink. */
const WRITES: Record<string, number[]> = {
  writeFile: [0], appendFile: [0], mkdir: [0], mkdtemp: [0], rename: [0, 1], unlink: [0], rm: [0], rmdir: [0],
  copyFile: [1], cp: [1], symlink: [1], link: [1], truncate: [0], utimes: [0], chmod: [0], chown: [0],
};
const { O_WRONLY, O_RDWR, O_CREAT, O_APPEND, O_TRUNC } = fs.constants;

function opensForWriting(flags: unknown): boolean {
  if (typeof flags === 'number') return (flags & (O_WRONLY | O_RDWR | O_CREAT | O_APPEND | O_TRUNC)) !== 0;
  return typeof flags === 'string' && /[wa+]/.test(flags);
}

function pathOf(p: unknown): string | undefined {
  if (p instanceof URL) return p.protocol === 'file:' ? fileURLToPath(p) : undefined;
  if (Buffer.isBuffer(p)) p = p.toString('utf8');
  if (typeof p !== 'string') return undefined;
  return resolve(p.startsWith('file:') ? fileURLToPath(p) : p);
}

function erofs(syscall: string, path: string): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error(`EROFS: read-only file system, ${syscall} '${path}'`);
  Object.assign(err, { errno: -30, code: 'EROFS', syscall, path });
  return err;
}

export function makeTaskRootReadOnly(taskRoot: string): void {
  const root = resolve(taskRoot);
  const under = (p: unknown) => {
    const abs = pathOf(p);
    return abs !== undefined && (abs === root || abs.startsWith(root + sep)) ? abs : undefined;
  };
  /** The path a call would write under the task root, if any. */
  const refused = (name: string, args: unknown[]): string | undefined => {
    if (name === 'open') return opensForWriting(args[1]) ? under(args[0]) : undefined;
    for (const i of WRITES[name] ?? []) {
      const abs = under(args[i]);
      if (abs) return abs;
    }
    return undefined;
  };
  const target = fs as unknown as Record<string, Fn>;
  const promises = fs.promises as unknown as Record<string, Fn>;
  for (const name of [...Object.keys(WRITES), 'open']) {
    const cb = target[name];
    if (cb) {
      target[name] = function (this: unknown, ...args: unknown[]) {
        const abs = refused(name, args);
        const done = args[args.length - 1];
        if (abs && typeof done === 'function') return void process.nextTick(() => (done as Fn)(erofs(name, abs)));
        return cb.apply(this, args);
      };
    }
    const sync = target[`${name}Sync`];
    if (sync) {
      target[`${name}Sync`] = function (this: unknown, ...args: unknown[]) {
        const abs = refused(name, args);
        if (abs) throw erofs(name, abs);
        return sync.apply(this, args);
      };
    }
    const viaPromise = promises[name];
    if (viaPromise) {
      promises[name] = function (this: unknown, ...args: unknown[]) {
        const abs = refused(name, args);
        return abs ? Promise.reject(erofs(name, abs)) : viaPromise.apply(this, args);
      };
    }
  }
  // createWriteStream opens through fs.open, so its stream emits EROFS as on Lambda.
  syncBuiltinESMExports();
}
