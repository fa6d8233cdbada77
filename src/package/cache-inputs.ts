/**
 * What the packaging cache watches (cache.ts decides with it): the key (zap's build, the boot-check
 * Node, the settings packaging reads) and the snapshot of inputs, each file's sha256 and the folder
 * listings that decided how imports resolved.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { version as esbuildVersion } from 'esbuild';
import type { StageSettings } from '../settings/types';
import { settled } from '../util/file-identity';
import { packageRoot } from '../util/package-root';
import { nodeBinaryFor, runtimeMajor } from '../util/node-binary';
import { listFiles } from './glob';
import { fileHash } from './file-hash';
import { folderEntries } from './folder-entries';
import { packagingSettings, type CacheKey, type Snapshot } from './cache-key';

/** Files at the project's root that change what is installed or how sources compile (Babel's JSON configs: module-resolver paths, babel-aliases.ts). */
const ROOT_FILES = ['package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'tsconfig.json', 'jsconfig.json', '.babelrc', '.babelrc.json', 'babel.config.json'];
/** Read in every folder above an input: esbuild and Node resolve through them. */
const FOLDER_FILES = ['package.json', 'tsconfig.json', 'jsconfig.json'];
/** The project's own files, listed recursively (node_modules, .git and .zap are skipped, as for include). */
export const TREE = '/**';

/** The files esbuild read, absolute (keys with a namespace, e.g. zap's own virtual modules, are not files). */
export function metafileFiles(projectDir: string, metafile: { inputs: Record<string, unknown> }): string[] {
  return Object.keys(metafile.inputs).filter((k) => !k.includes(':') && !k.startsWith('<')).map((k) => resolve(projectDir, k));
}

let zapHash: string | undefined;

/**
 * zap's version, its bundler and tracer versions, and its build (dist/): the files copied into
 * artifacts or run by the boot check by content, the rest (the CLI and packager chunks) by name, size
 * and time, so a rebuilt zap never reuses an artifact an older build made.
 */
function zapFingerprint(): string {
  if (zapHash) return zapHash;
  const root = packageRoot();
  const h = createHash('sha256');
  h.update(readFileSync(join(root, 'package.json')));
  h.update(`esbuild ${esbuildVersion}\n`);
  try {
    h.update(readFileSync(createRequire(join(root, 'package.json')).resolve('@vercel/nft/package.json')));
  } catch {
    h.update('nft: unresolved\n');
  }
  const dist = join(root, 'dist');
  for (const f of existsSync(dist) ? listFiles(dist) : []) {
    if (/^(runtime|package)\//.test(f)) h.update(`${f}\n`).update(readFileSync(join(dist, f)));
    else {
      const st = statSync(join(dist, f));
      h.update(`${f} ${st.size} ${st.mtimeMs}\n`);
    }
  }
  return (zapHash = h.digest('hex'));
}

function nodeFingerprint(runtime: string): string {
  try {
    // This process's Node is the first one nodeBinaryFor tries: when its major fits, that is the answer, with no process spawned to ask.
    const bin = process.versions.node.split('.')[0] === String(runtimeMajor(runtime)) ? process.execPath : nodeBinaryFor(runtime);
    const st = statSync(bin.includes('/') ? bin : process.execPath);
    // This Node is known by its version, not where it is, so a project moved or re-cloned with it keeps its record.
    if (bin === process.execPath) return `${process.version} ${process.arch} ${st.size}`;
    return `${bin} ${st.size} ${st.mtimeMs}`;
  } catch (err) {
    return `none: ${(err as Error).message}`;
  }
}

export function cacheKey(settings: StageSettings, options: { verify: boolean }): CacheKey {
  return { zap: zapFingerprint(), node: nodeFingerprint(settings.runtime), settings: packagingSettings(settings), options: JSON.stringify(options) };
}

/** True when `dir` is the project or one of the folders above it. */
const holdsProject = (dir: string, projectDir: string) => dir === projectDir || projectDir.startsWith(dir.endsWith(sep) ? dir : dir + sep);

/**
 * The folders above an input whose listing or package.json can change how it resolves, and whether
 * to list them; none at or above a folder in `done`. Where the walk stops and whether a folder is
 * listed depend only on the folder itself, so a folder walked for one input was walked to the top.
 */
function foldersAbove(projectDir: string, input: string, done: Set<string>): { dir: string; list: boolean }[] {
  const parts = input.split(sep);
  const top = parts.indexOf('node_modules');
  // In a package: up to the outermost node_modules (a symlinked node_modules can lead anywhere on disk).
  const outer = top === -1 ? '' : parts.slice(0, top).join(sep);
  const stop = top === -1 ? (d: string) => holdsProject(d, projectDir) : (d: string) => d === outer;
  const out: { dir: string; list: boolean }[] = [];
  for (let d = dirname(input); !stop(d) && dirname(d) !== d && !done.has(d); d = dirname(d)) {
    done.add(d);
    // The project's own folders are in its file list already.
    out.push({ dir: d, list: top !== -1 || relative(projectDir, d).startsWith('..') });
  }
  return out;
}

/**
 * Every path whose content or listing decided the artifact: the inputs themselves; the project's
 * root files and its whole file list; each folder from an input in node_modules (or outside the
 * project) up to the project or the outermost node_modules, with its package.json; the node_modules
 * folders a bare import is looked up in; package.json and tsconfig.json above the project.
 */
export function watchedPaths(projectDir: string, inputs: Iterable<string>): { files: Set<string>; dirs: Set<string> } {
  const files = new Set<string>(ROOT_FILES.map((f) => join(projectDir, f)));
  const dirs = new Set<string>([projectDir + TREE]);
  for (let d = projectDir; ; d = dirname(d)) {
    if (d !== projectDir) for (const f of FOLDER_FILES) files.add(join(d, f));
    dirs.add(join(d, 'node_modules'));
    if (dirname(d) === d) break;
  }
  // zap's own files (its runtime, the kept compile cache): only themselves matter; zap's build is in the key.
  const own = [join(projectDir, '.zap') + sep, packageRoot() + sep + 'dist' + sep];
  const walked = new Set<string>();
  for (const input of inputs) {
    files.add(input);
    if (own.some((o) => input.startsWith(o))) continue;
    for (const { dir, list } of foldersAbove(projectDir, input, walked)) {
      for (const f of FOLDER_FILES) files.add(join(dir, f));
      if (list) dirs.add(dir);
    }
  }
  return { files, dirs };
}

/** The file's sha256 (null: unreadable), read again only when the file changed since it was last hashed (file-hash.ts). */
export const hashOf = fileHash;

function listingOf(dir: string): string[] | null {
  try {
    if (dir.endsWith(TREE)) return listFiles(dir.slice(0, -TREE.length));
    const names = folderEntries(dir).map((e) => (e.isDirectory ? `${e.name}/` : e.name)).sort();
    // A scoped package added under an existing @scope is a new resolution too.
    if (dir.endsWith(`${sep}node_modules`)) for (const s of names.filter((n) => n.startsWith('@'))) names.push(...folderEntries(join(dir, s)).map((e) => `${s}${e.name}`).sort());
    return names;
  } catch {
    return null;
  }
}

export function takeSnapshot(paths: { files: Iterable<string>; dirs: Iterable<string> }): Snapshot {
  const files: Snapshot['files'] = {};
  const dirs: Snapshot['dirs'] = {};
  for (const f of [...paths.files].sort()) files[f] = hashOf(f);
  for (const d of [...paths.dirs].sort()) dirs[d] = listingOf(d);
  return { files, dirs };
}

/** Changed while the build ran (by time, with a margin for the kernel's coarse clock): the snapshot may not be what was built. */
export function touchedSince(paths: Iterable<string>, startedMs: number): boolean {
  for (const p of paths) {
    try {
      const st = statSync(p.endsWith(TREE) ? p.slice(0, -TREE.length) : p, { throwIfNoEntry: false });
      if (st && !settled(st, startedMs)) return true;
    } catch {}
  }
  return false;
}

/** The project's file list before a build, compared after it (a file added meanwhile may have changed resolution). */
export function projectTree(projectDir: string): string[] | null {
  return listingOf(projectDir + TREE);
}
