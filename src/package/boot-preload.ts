/**
 * Loaded with `node -r` into the package-time boot check (verify.ts), in the staged artifact: records
 * the files the app tries to read, stat, list or open while it boots that are missing there, and the
 * project files it reaches outside the artifact (an absolute path, or `..` past its root), and the
 * writes into the artifact, which fail as on Lambda's read-only code folder (src/util/read-only-folder.ts). At exit it
 * writes them to $ZAP_BOOT_FILES; boot-files.ts ships what it can and names what it cannot.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { isAbsolute, relative, sep } from 'node:path';
import { pathOf as pathFrom, readOnlyCodeFolder } from '../util/read-only-folder';
import { recordEnv } from './env-hint';
import { recordPackageLoads } from './boot-packages';
import { recordLoopbackConnects } from './loopback-connects';
import { filesOpenForWriting } from './native-write-opens';

const out = process.env.ZAP_BOOT_FILES;
const project = process.env.ZAP_PROJECT_DIR;
const root = process.cwd();
const missing = new Set<string>();
const outside = new Set<string>();
const written = new Set<string>();
const listed = new Set<string>();
const writeFileSync = fs.writeFileSync;

const pathOf = (p: unknown) => pathFrom(p, root);

const inside = (dir: string, p: string) => p === dir || p.startsWith(dir + sep);

function note(p: unknown, found: boolean, lists = false): void {
  const abs = pathOf(p);
  if (!abs) return;
  if (found && lists && inside(root, abs)) listed.add(abs);
  if (!found) return void missing.add(abs);
  const rel = relative(root, abs);
  if ((rel.startsWith('..') || isAbsolute(rel)) && project && inside(project, abs) && !abs.includes(`${sep}node_modules${sep}`)) outside.add(abs);
}

/** ENOENT: no such file; ENOTDIR: a folder on its path is a file. Other errors say nothing about shipping. */
const isMissing = (err: unknown) => ['ENOENT', 'ENOTDIR'].includes((err as { code?: string } | null)?.code ?? '');

type Fn = (...args: unknown[]) => unknown;
const target = fs as unknown as Record<string, Fn>;
const promises = fs.promises as unknown as Record<string, Fn>;

for (const name of ['readFileSync', 'statSync', 'lstatSync', 'readdirSync', 'openSync', 'accessSync', 'opendirSync']) {
  const orig = target[name]!;
  target[name] = function (this: unknown, ...args: unknown[]) {
    try {
      const r = orig.apply(this, args);
      note(args[0], r !== undefined || !/stat/.test(name), /dir/.test(name)); // statSync(p, { throwIfNoEntry: false }) answers undefined
      return r;
    } catch (err) {
      if (isMissing(err)) note(args[0], false);
      throw err;
    }
  };
}

const existsSync = target.existsSync!;
target.existsSync = function (this: unknown, ...args: unknown[]) {
  const r = existsSync.apply(this, args);
  note(args[0], r === true);
  return r;
};

for (const name of ['readFile', 'stat', 'lstat', 'readdir', 'open', 'access', 'opendir']) {
  const orig = target[name]!;
  target[name] = function (this: unknown, ...args: unknown[]) {
    const cb = args[args.length - 1];
    if (typeof cb === 'function') {
      args[args.length - 1] = (err: unknown, ...rest: unknown[]) => {
        if (!err) note(args[0], true, /dir/.test(name));
        else if (isMissing(err)) note(args[0], false);
        return (cb as Fn)(err, ...rest);
      };
    }
    return orig.apply(this, args);
  };
  const viaPromise = promises[name];
  if (!viaPromise) continue;
  promises[name] = function (this: unknown, ...args: unknown[]) {
    return (viaPromise.apply(this, args) as Promise<unknown>).then(
      (r) => (note(args[0], true, /dir/.test(name)), r),
      (err: unknown) => {
        if (isMissing(err)) note(args[0], false);
        throw err;
      },
    );
  };
}

const createReadStream = target.createReadStream!;
target.createReadStream = function (this: unknown, ...args: unknown[]) {
  note(args[0], existsSync(args[0]) === true);
  return createReadStream.apply(this, args);
};

readOnlyCodeFolder(
  (p) => {
    const abs = pathOf(p);
    return abs && inside(root, abs) ? abs : undefined;
  },
  (abs) => written.add(abs),
);

// Which variables the app reads (recordEnv in env-hint.ts): a missing one is the usual cause of a boot that fails.
const env = recordEnv(process.env, (process.env.ZAP_STAGE_ENV_KEYS ?? '').split(',').filter(Boolean));
process.env = env.proxy;

// Packages the artifact's code loads from the project's node_modules, which Lambda will not have (boot-packages.ts).
const packages = recordPackageLoads(root, project);

// Servers the app reaches on this machine, which Lambda does not have (loopback-connects.ts).
const loopback = recordLoopbackConnects(process.env);

// ESM code that imported these by name sees the recording versions too.
syncBuiltinESMExports();

process.on('exit', () => {
  if (out) writeFileSync(out, JSON.stringify({ missing: [...missing].sort(), outside: [...outside].sort(), written: [...written].sort(), listed: [...listed].sort(), unsetEnv: [...env.unset].sort(), shellEnv: [...env.shell].sort(), packages: [...packages.packages].sort(), modulePackages: [...packages.byModules].sort(), loopback: [...loopback.values()], writeOpened: filesOpenForWriting(root) }));
});
