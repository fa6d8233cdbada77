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
import type { Fitted } from './cache-compile';

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

export type Lookup<R> = { reused: R; since: string; record: CacheRecord<R> } | { why: string; mend?: { record: CacheRecord<R>; snapshot: Snapshot } };

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
    // Only the compile cache a deploy kept for this bundle is new: fit the zip to it rather than build again (cache-compile.ts).
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
  return { reused: record.result, since: record.built, record };
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
    projectDir: string; settings: StageSettings; artifact: string; options: { verify: boolean }; enabled?: boolean;
    /** The recorded zip fitted to the compile cache asked for (cache-compile.ts), written to `artifact` when it changes. */
    fit: (recorded: R, recordedZip: string) => Promise<Fitted<R>>;
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
  const shownArtifact = () => (relative(projectDir, artifact).startsWith('..') ? artifact : relative(projectDir, artifact));
  try {
    key = cacheKey(settings, run.options);
    const found = lookUp<R>(projectDir, settings.stage, key, artifact);
    const fitting = 'since' in found ? { record: found.record, snapshot: found.record.snapshot } : found.mend;
    why = 'why' in found ? found.why : why;
    const fitted = fitting && existsSync(fitting.record.artifact) ? await run.fit(fitting.record.result, fitting.record.artifact) : { as: 'build' as const };
    if (fitting && fitted.as !== 'build') {
      const { record, snapshot } = fitting;
      const since = shownTime(record.built);
      if (fitted.as === 'is' && 'since' in found) {
        return { ...found.reused, artifact, duration_ms: Date.now() - startedMs, package_cache: { reused: true, detail: `inputs unchanged since ${since}, reused ${shownArtifact()}` } };
      }
      if (fitted.as === 'is' && record.artifact !== artifact) copyArtifact(record.artifact, artifact);
      const result = fitted.as === 'is' ? { ...record.result, artifact } : fitted.result;
      writeRecord(projectDir, settings.stage, { ...record, snapshot, identities: identitiesOf(Object.keys(snapshot.files)), artifact, sha256: result.sha256, result });
      const how = fitted.as === 'added' ? 'added the compile cache the last deploy kept, to' : fitted.as === 'left out' ? 'left out the compile cache (zap package ships the code only), in' : 'reused';
      return { ...result, duration_ms: Date.now() - startedMs, package_cache: { reused: true, detail: `inputs unchanged since ${since}; ${how} ${shownArtifact()}` } };
    }
  } catch {}
  const treeBefore = projectTree(projectDir);
  const built = await build();
  if (key) remember(projectDir, settings.stage, key, built.inputs, { startedMs, treeBefore, artifact, result: built.result });
  return { ...built.result, package_cache: { reused: false, detail: `built: ${why}` } };
}

function copyArtifact(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
}
