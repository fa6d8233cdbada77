/** Packages a project with zap and unzips the artifact, as Lambda would, into a fresh folder. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as yauzl from 'yauzl';
import { loadStage } from '../../src/settings';
import { packageApp, type PackageOptions, type PackageResult } from '../../src/package';

export const REPO = join(__dirname, '..', '..');
export const SAMPLE_APP = join(REPO, 'sample-app');

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `zap-${prefix}-`));
}

export function removeDir(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** Every entry of a zip written out under dir (directories created as needed). */
export async function unzipTo(zipFile: string, dir: string): Promise<string[]> {
  const zip = await yauzl.openPromise(zipFile, { lazyEntries: true });
  const names: string[] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      names.push(entry.fileName);
      if (entry.fileName.endsWith('/')) continue;
      const stream = await zip.openReadStreamPromise(entry);
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(c as Buffer);
      mkdirSync(dirname(join(dir, entry.fileName)), { recursive: true });
      writeFileSync(join(dir, entry.fileName), Buffer.concat(chunks));
    }
  } finally {
    zip.close();
  }
  return names;
}

export interface Artifact {
  result: PackageResult;
  /** The unzipped artifact: what Lambda mounts as /var/task. */
  dir: string;
  cleanup(): void;
}

/** `zap package <stage>` for a project, then the zip unzipped into a temp folder. */
export async function buildArtifact(projectDir = SAMPLE_APP, stage = 'dev', opts: PackageOptions = {}): Promise<Artifact> {
  const work = tempDir('artifact');
  const settings = await loadStage(projectDir, stage);
  const result = await packageApp(projectDir, settings, { out: join(work, 'out.zip'), ...opts });
  const dir = join(work, 'task');
  await unzipTo(result.artifact, dir);
  return { result, dir, cleanup: () => removeDir(work) };
}
