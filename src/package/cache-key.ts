/**
 * The packaging cache's record and its comparison, pure: what an artifact was built from (zap, the
 * Node that boot-checked it, the settings packaging reads, every input file's content and the
 * listings that decided how imports resolved), and the first thing that differs now.
 * The reading and writing are in cache.ts.
 */
import { relative } from 'node:path';
import type { StageSettings } from '../settings/types';

/** Bump when the record's shape or meaning changes: an older record then reads as a mismatch. */
export const RECORD_VERSION = 2;

/**
 * Keys that only shape the AWS resources, never the zip. Every other key (a new one too) is part of
 * the key, so forgetting to list a key here costs a rebuild, never a stale artifact. `project_name`
 * only names the zip file (`<project_name>-<stage>.zip`): a reuse copies the recorded zip to the new name.
 */
const DEPLOY_ONLY = new Set([
  'project_name', 'aws_region', 'memory_size', 'timeout_seconds', 'keep_warm', 'keep_warm_expression', 'keep_warm_prime',
  'role_arn', 'num_retained_versions', 'http', 'streaming', 'tags', 'log_retention_days', 'prices',
  'domain', 'certificate_arn', 'vpc_config', 'xray_tracing', 'extra_permissions',
]);

/** The settings that can change what packaging produces, as canonical JSON (sorted keys). */
export function packagingSettings(settings: StageSettings): string {
  const kept = Object.entries(settings).filter(([k]) => !DEPLOY_ONLY.has(k)).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(Object.fromEntries(kept));
}

export interface CacheKey {
  /** zap's version and a hash of its built code (the runtime files copied into every artifact, the packager). */
  zap: string;
  /** The Node binary that boot-checks the bundle (path and version), or why there is none. */
  node: string;
  settings: string;
  /** packageApp's own options that change the zip (verify); the compile cache is fitted to a recorded zip instead (cache-compile.ts). */
  options: string;
}

/** What the inputs looked like: file → sha256 (null: absent), folder → sorted listing (null: absent). */
export interface Snapshot {
  files: Record<string, string | null>;
  dirs: Record<string, string[] | null>;
}

export interface CacheRecord<R> {
  version: number;
  key: CacheKey;
  snapshot: Snapshot;
  /** When the artifact was built (ISO). */
  built: string;
  /** The zip recorded (on disk: relative to the project, as every path in the record, cache-place.ts). */
  artifact: string;
  sha256: string;
  /** Each input file's identity when hashed (file-hash.ts): a file that still has it is not read again. Optional: a record without it is read in full. */
  identities?: Record<string, string>;
  /** packageApp's result for that build, replayed on reuse. */
  result: R;
}

/** A record's shape, checked before any field is trusted: anything else is a corrupt record. */
export function isCacheRecord(v: unknown): v is CacheRecord<unknown> {
  const r = v as CacheRecord<unknown> | null;
  return (
    typeof r === 'object' && r !== null && r.version === RECORD_VERSION && typeof r.built === 'string' && typeof r.artifact === 'string' &&
    typeof r.sha256 === 'string' && typeof r.key === 'object' && r.key !== null && typeof r.snapshot?.files === 'object' &&
    r.snapshot.files !== null && typeof r.snapshot.dirs === 'object' && r.snapshot.dirs !== null && typeof r.result === 'object' && r.result !== null
  );
}

const KEY_WORDS: Record<keyof CacheKey, string> = { zap: "zap's version or build", node: 'the Node binary for the boot check', settings: 'the stage settings packaging reads', options: 'the packaging options' };

/** The first way the key differs, in words, or undefined when it is the same. */
export function keyDifference(was: CacheKey, now: CacheKey): string | undefined {
  const k = (Object.keys(KEY_WORDS) as (keyof CacheKey)[]).find((name) => was[name] !== now[name]);
  return k && `${KEY_WORDS[k]} changed`;
}

function shown(projectDir: string, path: string): string {
  const rel = relative(projectDir, path);
  return rel === '' ? '.' : rel;
}

/** Every recorded path whose content or listing differs now. */
export function changedPaths(was: Snapshot, now: Snapshot): string[] {
  const files = Object.entries(was.files).filter(([f, hash]) => now.files[f] !== hash).map(([f]) => f);
  const dirs = Object.entries(was.dirs).filter(([d, list]) => JSON.stringify(now.dirs[d]) !== JSON.stringify(list)).map(([d]) => d);
  return [...files, ...dirs];
}

/** The first input that differs between the recorded snapshot and the same paths read now. */
export function snapshotDifference(projectDir: string, was: Snapshot, now: Snapshot): string | undefined {
  for (const [file, hash] of Object.entries(was.files)) {
    const current = now.files[file];
    if (current === hash) continue;
    const name = shown(projectDir, file);
    return hash === null ? `${name} was added` : current === null || current === undefined ? `${name} was removed` : `${name} changed`;
  }
  for (const [dir, list] of Object.entries(was.dirs)) {
    const current = now.dirs[dir];
    if (JSON.stringify(current) === JSON.stringify(list)) continue;
    const name = shown(projectDir, dir.replace(/\/\*\*$/, ''));
    const tree = dir.endsWith('/**');
    const added = (current ?? []).find((f) => !(list ?? []).includes(f));
    const removed = (list ?? []).find((f) => !(current ?? []).includes(f));
    if (tree) return added ? `${added} is new` : removed ? `${removed} was removed` : 'the project\'s file list changed';
    return added ? `${added} appeared in ${name}` : removed ? `${removed} left ${name}` : `the listing of ${name} changed`;
  }
  return undefined;
}
