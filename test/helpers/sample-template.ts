/**
 * sample-app packaged once per test run, as `zap deploy` packages it; every sample-app copy starts
 * with its `.zap/dev` package record and zip, as a CI cache restores `.zap/` into a new checkout.
 * A copy whose packaging inputs are the same (project_name aside) reuses that zip instead of
 * bundling, tracing and boot-checking again; one whose settings or files differ builds as usual.
 * The first worker that asks packages it, the others wait for it; test/global-teardown.cjs removes it.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildArtifact } from '../../src/deploy/artifact';
import { loadStage } from '../../src/settings';

const REPO = join(__dirname, '../..');
const SAMPLE = join(REPO, 'sample-app');
/** Beside the copies (`.zap-test/sample-<hex>`): the same folders above it, so the record's relative paths hold for them. */
const template = (run: string) => join(REPO, '.zap-test', `template-${run}`);

let made: Promise<string | undefined> | undefined;

/**
 * The template's `.zap/dev`, packaged; undefined outside a jest run with its global setup, with
 * ZAP_TEST_SAMPLE_TEMPLATE=0 (every copy packages from scratch, e.g. to measure what this saves),
 * or when packaging it failed.
 */
export function sampleTemplate(): Promise<string | undefined> {
  const run = process.env.ZAP_TEST_RUN;
  if (!run || process.env.ZAP_TEST_SAMPLE_TEMPLATE === '0') return Promise.resolve(undefined);
  return (made ??= make(template(run)));
}

async function make(dir: string): Promise<string | undefined> {
  const stageDir = join(dir, '.zap', 'dev');
  if (existsSync(`${dir}.ready`)) return stageDir;
  // On a fresh clone .zap-test/ does not exist yet: only an existing lock means another worker packages it.
  mkdirSync(dirname(dir), { recursive: true });
  try {
    mkdirSync(`${dir}.lock`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return waitFor(dir, stageDir);
  }
  try {
    cpSync(SAMPLE, dir, { recursive: true, filter: (src) => !src.includes(`${SAMPLE}/.zap`) });
    // The packaging cache records a build only when no input changed while it ran (by file time): the copy must be older.
    await new Promise((r) => setTimeout(r, 60));
    await buildArtifact(dir, await loadStage(dir, 'dev'));
    writeFileSync(`${dir}.ready`, '');
    return stageDir;
  } catch (err) {
    writeFileSync(`${dir}.failed`, String((err as Error).stack ?? err));
    return undefined;
  }
}

/** Another worker is packaging it: wait (bounded) for it to be ready. */
async function waitFor(dir: string, stageDir: string): Promise<string | undefined> {
  for (let i = 0; i < 600; i++) {
    if (existsSync(`${dir}.ready`)) return stageDir;
    if (existsSync(`${dir}.failed`)) return undefined;
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}

/** Puts the template's package record and zip into a copy's `.zap/dev`, as a CI cache restore would. */
export function restoreTemplate(stageDir: string, copyDir: string): void {
  const to = join(copyDir, '.zap', 'dev');
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(stageDir)) {
    if (statSync(join(stageDir, name)).isFile()) cpSync(join(stageDir, name), join(to, name));
  }
}
