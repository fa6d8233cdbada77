/**
 * The packaging cache: packaging a project whose inputs have not changed since its last package
 * reuses that artifact instead of bundling, tracing, boot-checking and zipping again. One record per
 * stage in `.zap/<stage>/package-cache.json` (cache-key.ts says what it holds, cache-inputs.ts reads it). The artifact is
 * reused only when every part of the key and every input read now is the same and the zip on disk
 * is still the one recorded; anything unreadable or different means a normal build. Never an error.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { StageSettings } from '../settings/types';
import { writeAtomically } from './zip';
import { packageRoot } from '../util/package-root';
import { RECORD_VERSION, changedPaths, isCacheRecord, keyDifference, snapshotDifference, type CacheKey, type CacheRecord, type Snapshot } from './cache-key';
import { TREE, cacheKey, hashOf, projectTree, takeSnapshot, touchedSince, watchedPaths } from './cache-inputs';
import { identitiesOf, learnHashes } from './file-hash';
import { expectedHere, placedRecord, portableRecord, type Place } from './cache-place';

export function recordPath(projectDir: string, stage: string): string {
  return join(projectDir, '.zap', stage, 'package-cache.json');
}

const placeOf = (projectDir: string): Place => ({ projectDir, zapDist: join(packageRoot(), 'dist') });

/** Writes the record with its paths relative (cache-place.ts), so the project can move with it. */
function writeRecord<R extends { artifact: string }>(projectDir: string, stage: string, record: CacheRecord<R>): void {
  writeAtomically(recordPath(projectDir, stage), Buffer.from(JSON.stringify(portableRecord(placeOf(projectDir), record))));
}

/** Off for one run with --no-package-cache, or everywhere with ZAP_PACKAGE_CACHE=0 (e.g. in CI). */
export function cacheEnabled(asked: boolean | undefined): boolean {
  const env = process.env.ZAP_PACKAGE_CACHE;
  return asked !== false && !(env !== undefined && /^(0|false|off|no)$/i.test(env.trim()));
}

export type Lookup<R> = { reused: R; since: string } | { why: string; mend?: { record: CacheRecord<R>; snapshot: Snapshot } };

/** The recorded result when nothing changed, copied to `artifact` when the record's zip lives elsewhere; else why not. */
export function lookUp<R extends { artifact: string; sha256: string }>(projectDir: string, stage: string, key: CacheKey, artifact: string): Lookup<R> {
  let record: CacheRecord<R>;
  try {
    const parsed: unknown = JSON.parse(readFileSync(recordPath(projectDir, stage), 'utf8'));
    if (!isCacheRecord(parsed)) return { why: 'the cache record is unreadable' };
    const here = placedRecord(placeOf(projectDir), parsed as CacheRecord<R>);
    if (!here) return { why: 'the project is now nearer the file system root than the folders its record reaches' };
    record = here;
    learnHashes(record.snapshot.files, record.identities ?? {});
  } catch (err) {
    return { why: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no earlier package' : 'the cache record is unreadable' };
  }
  const keyChange = keyDifference(record.key, key);
  if (keyChange) return { why: keyChange };
  // Moved deeper than where it was recorded: the folders above that the record does not reach must still hold nothing.
  const was = expectedHere(record.snapshot, watchedPaths(projectDir, []));
  const now = takeSnapshot({ files: Object.keys(was.files), dirs: Object.keys(was.dirs) });
  const change = snapshotDifference(projectDir, was, now);
  const zipIntact = hashOf(record.artifact) === record.sha256;
  if (change) {
    // Only the compile cache a deploy kept for this bundle is new: put it in rather than build again (cache-compile.ts).
    const kept = join(projectDir, '.zap', stage, 'compile-cache') + sep;
    const mendable = changedPaths(was, now).every((p) => p.startsWith(kept));
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
export function remember<R extends { artifact: string; sha256: string }>(projectDir: string, stage: string, key: CacheKey, inputs: Iterable<string>, build: { startedMs: number; treeBefore: string[] | null; artifact: string; result: R }): void {
  try {
    const paths = watchedPaths(projectDir, inputs);
    const snapshot = takeSnapshot(paths);
    const treeNow = snapshot.dirs[projectDir + TREE];
    if (JSON.stringify(treeNow) !== JSON.stringify(build.treeBefore)) return;
    if (touchedSince([...paths.files, ...[...paths.dirs].filter((d) => !d.endsWith(TREE))], build.startedMs)) return;
    const identities = identitiesOf(Object.keys(snapshot.files));
    const record: CacheRecord<R> = { version: RECORD_VERSION, key, snapshot, built: new Date(build.startedMs).toISOString(), artifact: build.artifact, sha256: build.result.sha256, identities, result: build.result };
    writeRecord(projectDir, stage, record);
  } catch {}
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
      writeRecord(projectDir, settings.stage, { ...record, snapshot, identities: identitiesOf(Object.keys(snapshot.files)), artifact, sha256: mended.sha256, result: mended });
      const detail = `inputs unchanged since ${shownTime(record.built)}; added the compile cache the last deploy kept, to ${relative(projectDir, artifact).startsWith("..") ? artifact : relative(projectDir, artifact)}`;
      return { ...mended, duration_ms: Date.now() - startedMs, package_cache: { reused: true, detail } };
    }
  } catch {}
  const treeBefore = projectTree(projectDir);
  const built = await build();
  if (key) remember(projectDir, settings.stage, key, built.inputs, { startedMs, treeBefore, artifact, result: built.result });
  return { ...built.result, package_cache: { reused: false, detail: `built: ${why}` } };
}
