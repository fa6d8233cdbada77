/**
 * The packaging cache: packaging a project whose inputs have not changed since its last package
 * reuses that artifact instead of bundling, tracing, boot-checking and zipping again. One record per
 * stage in `.zap/<stage>/package-cache.json` (cache-key.ts says what it holds). The artifact is
 * reused only when every part of the key and every input read now is the same and the zip on disk
 * is still the one recorded; anything unreadable or different means a normal build. Never an error.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { version as esbuildVersion } from 'esbuild';
import type { StageSettings } from '../settings/types';
import { packageRoot } from '../util/package-root';
import { nodeBinaryFor, runtimeMajor } from '../util/node-binary';
import { listFiles } from './glob';
import { writeAtomically } from './zip';
import { RECORD_VERSION, changedPaths, isCacheRecord, keyDifference, packagingSettings, snapshotDifference, type CacheKey, type CacheRecord, type Snapshot } from './cache-key';

/** Files at the project's root that change what is installed or how sources compile. */
const ROOT_FILES = ['package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'tsconfig.json', 'jsconfig.json'];
/** Read in every folder above an input: esbuild and Node resolve through them. */
const FOLDER_FILES = ['package.json', 'tsconfig.json', 'jsconfig.json'];
/** The project's own files, listed recursively (node_modules, .git and .zap are skipped, as for include). */
const TREE = '/**';

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** The files esbuild read, absolute (keys with a namespace, e.g. zap's own virtual modules, are not files). */
export function metafileFiles(projectDir: string, metafile: { inputs: Record<string, unknown> }): string[] {
  return Object.keys(metafile.inputs).filter((k) => !k.includes(':') && !k.startsWith('<')).map((k) => resolve(projectDir, k));
}

export function recordPath(projectDir: string, stage: string): string {
  return join(projectDir, '.zap', stage, 'package-cache.json');
}

/** Off for one run with --no-package-cache, or everywhere with ZAP_PACKAGE_CACHE=0 (e.g. in CI). */
export function cacheEnabled(asked: boolean | undefined): boolean {
  const env = process.env.ZAP_PACKAGE_CACHE;
  return asked !== false && !(env !== undefined && /^(0|false|off|no)$/i.test(env.trim()));
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
    else h.update(`${f} ${statSync(join(dist, f)).size} ${statSync(join(dist, f)).mtimeMs}\n`);
  }
  return (zapHash = h.digest('hex'));
}

function nodeFingerprint(runtime: string): string {
  try {
    // This process's Node is the first one nodeBinaryFor tries: when its major fits, that is the answer, with no process spawned to ask.
    const bin = process.versions.node.split('.')[0] === String(runtimeMajor(runtime)) ? process.execPath : nodeBinaryFor(runtime);
    const st = statSync(bin.includes('/') ? bin : process.execPath);
    return `${bin} ${bin === process.execPath ? process.version : ''} ${st.size} ${st.mtimeMs}`;
  } catch (err) {
    return `none: ${(err as Error).message}`;
  }
}

export function cacheKey(settings: StageSettings, options: { verify: boolean; compileCache: boolean }): CacheKey {
  return { zap: zapFingerprint(), node: nodeFingerprint(settings.runtime), settings: packagingSettings(settings), options: JSON.stringify(options) };
}

/** True when `dir` is the project or one of the folders above it. */
const holdsProject = (dir: string, projectDir: string) => dir === projectDir || projectDir.startsWith(dir.endsWith(sep) ? dir : dir + sep);

/** The folders above an input whose listing or package.json can change how it resolves, and whether to list them. */
function foldersAbove(projectDir: string, input: string): { dir: string; list: boolean }[] {
  const parts = input.split(sep);
  const top = parts.indexOf('node_modules');
  // In a package: up to the outermost node_modules (a symlinked node_modules can lead anywhere on disk).
  const stop = top === -1 ? (d: string) => holdsProject(d, projectDir) : (d: string) => d === parts.slice(0, top).join(sep);
  const out: { dir: string; list: boolean }[] = [];
  for (let d = dirname(input); !stop(d) && dirname(d) !== d; d = dirname(d)) {
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
  for (const input of inputs) {
    files.add(input);
    if (own.some((o) => input.startsWith(o))) continue;
    for (const { dir, list } of foldersAbove(projectDir, input)) {
      for (const f of FOLDER_FILES) files.add(join(dir, f));
      if (list) dirs.add(dir);
    }
  }
  return { files, dirs };
}

function hashOf(file: string): string | null {
  try {
    return sha256(readFileSync(file));
  } catch {
    return null;
  }
}

function listingOf(dir: string): string[] | null {
  try {
    if (dir.endsWith(TREE)) return listFiles(dir.slice(0, -TREE.length));
    const names = readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? `${e.name}/` : e.name)).sort();
    // A scoped package added under an existing @scope is a new resolution too.
    if (dir.endsWith(`${sep}node_modules`)) for (const s of names.filter((n) => n.startsWith('@'))) names.push(...readdirSync(join(dir, s)).map((n) => `${s}${n}`).sort());
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
function touchedSince(paths: Iterable<string>, startedMs: number): boolean {
  for (const p of paths) {
    try {
      const st = statSync(p.endsWith(TREE) ? p.slice(0, -TREE.length) : p);
      if (Math.max(st.mtimeMs, st.ctimeMs) >= startedMs - 25) return true;
    } catch {}
  }
  return false;
}

export type Lookup<R> = { reused: R; since: string } | { why: string; mend?: { record: CacheRecord<R>; snapshot: Snapshot } };

/** The recorded result when nothing changed, copied to `artifact` when the record's zip lives elsewhere; else why not. */
export function lookUp<R extends { sha256: string }>(projectDir: string, stage: string, key: CacheKey, artifact: string): Lookup<R> {
  let record: CacheRecord<R>;
  try {
    const parsed: unknown = JSON.parse(readFileSync(recordPath(projectDir, stage), 'utf8'));
    if (!isCacheRecord(parsed)) return { why: 'the cache record is unreadable' };
    record = parsed as CacheRecord<R>;
  } catch (err) {
    return { why: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no earlier package' : 'the cache record is unreadable' };
  }
  const keyChange = keyDifference(record.key, key);
  if (keyChange) return { why: keyChange };
  const now = takeSnapshot({ files: Object.keys(record.snapshot.files), dirs: Object.keys(record.snapshot.dirs) });
  const change = snapshotDifference(projectDir, record.snapshot, now);
  const zipIntact = hashOf(record.artifact) === record.sha256;
  if (change) {
    // Only the compile cache a deploy kept for this bundle is new: put it in rather than build again (cache-compile.ts).
    const kept = join(projectDir, '.zap', stage, 'compile-cache') + sep;
    const mendable = changedPaths(record.snapshot, now).every((p) => p.startsWith(kept));
    return mendable ? { why: change, mend: { record, snapshot: now } } : { why: change };
  }
  if (!zipIntact) return { why: `${relative(projectDir, record.artifact)} is not the zip recorded` };
  try {
    if (record.artifact !== artifact) {
      mkdirSync(dirname(artifact), { recursive: true });
      copyFileSync(record.artifact, artifact);
    }
  } catch (err) {
    return { why: `could not copy the artifact: ${(err as Error).message}` };
  }
  return { reused: record.result, since: record.built };
}

/** Records a build; skipped when an input changed while it ran. Failing to write only means no reuse next time. */
export function remember<R extends { sha256: string }>(projectDir: string, stage: string, key: CacheKey, inputs: Iterable<string>, build: { startedMs: number; treeBefore: string[] | null; artifact: string; result: R }): void {
  try {
    const paths = watchedPaths(projectDir, inputs);
    const snapshot = takeSnapshot(paths);
    const treeNow = snapshot.dirs[projectDir + TREE];
    if (JSON.stringify(treeNow) !== JSON.stringify(build.treeBefore)) return;
    if (touchedSince([...paths.files, ...[...paths.dirs].filter((d) => !d.endsWith(TREE))], build.startedMs)) return;
    const record: CacheRecord<R> = { version: RECORD_VERSION, key, snapshot, built: new Date(build.startedMs).toISOString(), artifact: build.artifact, sha256: build.result.sha256, result: build.result };
    writeAtomically(recordPath(projectDir, stage), Buffer.from(JSON.stringify(record)));
  } catch {}
}

/** The project's file list before a build, compared after it (a file added meanwhile may have changed resolution). */
export function projectTree(projectDir: string): string[] | null {
  return listingOf(projectDir + TREE);
}

const shownTime = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');

export interface CacheOutcome {
  reused: boolean;
  /** One line for the user: why the artifact was reused, or what made it build again. */
  detail: string;
}

export interface CachedBuild<R> {
  result: R;
  /** Absolute paths of every file the build read: bundled modules, shipped files, externals. */
  inputs: Iterable<string>;
}

/** Runs `build` unless the record for this stage says its artifact still fits; records each build. */
export async function cachedPackage<R extends { artifact: string; sha256: string; duration_ms: number }>(
  run: {
    projectDir: string; settings: StageSettings; artifact: string; options: { verify: boolean; compileCache: boolean }; enabled?: boolean;
    /** The recorded result and zip with the compile cache a deploy kept since put in, written to `artifact` (undefined: none). */
    mend?: (recorded: R, recordedZip: string) => Promise<R | undefined>;
  },
  build: () => Promise<CachedBuild<R>>,
): Promise<R & { package_cache: CacheOutcome }> {
  const { projectDir, settings, artifact } = run;
  const startedMs = Date.now();
  if (!cacheEnabled(run.enabled)) {
    const off = run.enabled === false ? 'off (--no-package-cache)' : 'off (ZAP_PACKAGE_CACHE)';
    return { ...(await build()).result, package_cache: { reused: false, detail: off } };
  }
  let key: CacheKey | undefined;
  let why = 'the cache could not be read';
  try {
    key = cacheKey(settings, run.options);
    const found = lookUp<R>(projectDir, settings.stage, key, artifact);
    if ('since' in found) {
      const since = shownTime(found.since);
      const shown = relative(projectDir, artifact);
      const detail = `inputs unchanged since ${since}, reused ${shown.startsWith('..') ? artifact : shown}`;
      return { ...found.reused, artifact, duration_ms: Date.now() - startedMs, package_cache: { reused: true, detail } };
    }
    why = found.why;
    const mended = found.mend && run.mend && existsSync(found.mend.record.artifact) ? await run.mend(found.mend.record.result, found.mend.record.artifact) : undefined;
    if (mended && found.mend) {
      const { record, snapshot } = found.mend;
      writeAtomically(recordPath(projectDir, settings.stage), Buffer.from(JSON.stringify({ ...record, snapshot, artifact, sha256: mended.sha256, result: mended })));
      const detail = `inputs unchanged since ${shownTime(record.built)}; added the compile cache the last deploy kept, to ${relative(projectDir, artifact).startsWith("..") ? artifact : relative(projectDir, artifact)}`;
      return { ...mended, duration_ms: Date.now() - startedMs, package_cache: { reused: true, detail } };
    }
  } catch {}
  const treeBefore = projectTree(projectDir);
  const built = await build();
  if (key) remember(projectDir, settings.stage, key, built.inputs, { startedMs, treeBefore, artifact, result: built.result });
  return { ...built.result, package_cache: { reused: false, detail: `built: ${why}` } };
}
