/**
 * Lambda's code folder (/var/task) is read-only: an app that writes there (morgan's
 * `fs.createWriteStream(path.join(__dirname, 'access.log'), { flags: 'a' })`, multer's
 * `{ dest: 'uploads/' }` creating its folder, a JSON file database) fails on Lambda with EROFS,
 * though it works under `node`. The package-time boot check (src/package/boot-preload.ts) makes
 * writes into the staged artifact fail the same way and records them, so zap package names the
 * write and the fix; the emulator's containers use the same module (src/emulator/container/bootstrap-readonly.ts).
 */
import fs from 'node:fs';
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

type Fn = (...args: unknown[]) => unknown;

function erofs(syscall: string, path: string): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error(`EROFS: read-only file system, ${syscall} '${path}'`);
  Object.assign(err, { errno: -30, code: 'EROFS', syscall, path });
  return err;
}

/** Calls that write, and which of their arguments name a path written (the destination of a copy, a rename, a link). */
const WRITES: Record<string, number[]> = {
  writeFile: [0], appendFile: [0], mkdir: [0], mkdtemp: [0], rename: [0, 1], unlink: [0], rm: [0], rmdir: [0],
  copyFile: [1], cp: [1], symlink: [1], link: [1], truncate: [0], utimes: [0], chmod: [0], chown: [0],
};

/** A path argument as an absolute path (relative ones from `base`): strings, Buffers, file: URLs (objects or strings). */
export function pathOf(p: unknown, base = process.cwd()): string | undefined {
  if (p instanceof URL) return p.protocol === 'file:' ? fileURLToPath(p) : undefined;
  if (Buffer.isBuffer(p)) p = p.toString('utf8');
  if (typeof p !== 'string') return undefined;
  return resolve(base, p.startsWith('file:') ? fileURLToPath(p) : p);
}

/** open() flags that write: w, a, x or + (string or number). */
function writes(flags: unknown): boolean {
  if (typeof flags === 'string') return /[wax+]/.test(flags);
  if (typeof flags === 'number') return (flags & (fs.constants.O_WRONLY | fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_APPEND)) !== 0;
  return false;
}

const flagsOf = (opts: unknown, dflt: string) => (typeof opts === 'object' && opts !== null && 'flags' in opts ? (opts as { flags: unknown }).flags : dflt);

/**
 * Makes writes under the code folder fail with EROFS. `inCode(path)` answers the absolute path when
 * it is in the code folder (else undefined); `record` gets each refused path. A folder that exists
 * already is no write (mkdir of it answers as the file system would).
 */
export function readOnlyCodeFolder(inCode: (p: unknown) => string | undefined, record: (abs: string) => void): void {
  const target = fs as unknown as Record<string, Fn>;
  const promises = fs.promises as unknown as Record<string, Fn>;
  const exists = fs.existsSync;
  /** The path to refuse, if this call writes into the code folder. */
  const refused = (name: string, args: unknown[]): string | undefined => {
    if (name === 'open' && !writes(args[1])) return undefined;
    for (const i of WRITES[name] ?? [0]) {
      const abs = inCode(args[i]);
      if (!abs || (name === 'mkdir' && exists(abs))) continue;
      record(abs);
      return abs;
    }
    return undefined;
  };
  for (const name of [...Object.keys(WRITES), 'open']) {
    const sync = target[`${name}Sync`];
    if (sync) {
      target[`${name}Sync`] = function (this: unknown, ...args: unknown[]) {
        const abs = refused(name, args);
        if (abs) throw erofs(name, abs);
        return sync.apply(this, args);
      };
    }
    const cbStyle = target[name];
    if (cbStyle) {
      target[name] = function (this: unknown, ...args: unknown[]) {
        const abs = refused(name, args);
        const cb = args[args.length - 1];
        if (abs && typeof cb === 'function') return void process.nextTick(() => (cb as Fn)(erofs(name, abs)));
        return cbStyle.apply(this, args);
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
  const createWriteStream = target.createWriteStream!;
  target.createWriteStream = function (this: unknown, ...args: unknown[]) {
    const abs = inCode(args[0]);
    if (!abs || !writes(flagsOf(args[1], 'w'))) return createWriteStream.apply(this, args);
    record(abs);
    // As fs.WriteStream does when its open() fails: an 'error' event, after the caller attached its listeners.
    const stream = new Writable({ write: (_c, _e, done) => done(erofs('open', abs)) });
    process.nextTick(() => stream.destroy(erofs('open', abs)));
    return stream;
  };
}
