// Deploy tests package the same sample app again and again (a fresh copy per file, the same code
// deployed twice to show nothing changes). Packaging is deterministic (same inputs, same zip, byte
// for byte, whatever the folder or project name), so a zip made once is kept under .zap-test/ by the
// hash of everything it is made from and handed out again, to every jest worker through the file
// system. Tests about packaging itself never come here: they call packageApp. ZAP_TEST_NO_MEMO=1
// packages every time.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildArtifact } from '../../src/deploy/artifact';
import { cacheDir } from '../../src/package/compile-cache';
import type { StageSettings } from '../../src/settings';

const REPO = join(__dirname, '../..');
const MEMO = join(REPO, '.zap-test', 'artifact-memo');
const A_DAY_MS = 24 * 3600_000;

type Built = Awaited<ReturnType<typeof buildArtifact>>;
interface Kept {
  sha256: string;
  compileCache: Built['compileCache'];
}

/** A file's bytes; for zap.json, without the project names each test's copy is given (they only name the zip). */
function contentOf(file: string, rel: string): Buffer | string {
  if (rel !== 'zap.json') return readFileSync(file);
  return JSON.stringify(JSON.parse(readFileSync(file, 'utf8')), (k, v) => (k === 'project_name' ? undefined : v));
}

/** Every file under dir, sorted, as `relative path \0 sha256`; folders named in `skip` left out. */
function filesDigest(dir: string, skip: Set<string> = new Set()): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (!skip.has(e.name)) walk(p);
      } else if (e.isFile()) out.push(`${relative(dir, p)}\0${createHash('sha256').update(contentOf(p, relative(dir, p))).digest('hex')}`);
    }
  };
  walk(dir);
  return out;
}

let zapDigest: string | undefined;
/** zap's own sources, its built runtime, the installed dependencies and Node: the packager's inputs. */
function zapItself(): string {
  zapDigest ??= createHash('sha256')
    .update(filesDigest(join(REPO, 'src')).join('\n'))
    .update(filesDigest(join(REPO, 'dist')).join('\n'))
    .update(readFileSync(join(REPO, 'package-lock.json')))
    .update(process.version)
    .digest('hex');
  return zapDigest;
}

/** What the zip is made from. The project name only names the zip file, so it is left out. */
function keyFor(dir: string, settings: StageSettings): string {
  const { project_name: _name, ...rest } = settings;
  return createHash('sha256')
    .update(zapItself())
    .update(JSON.stringify(rest))
    .update(filesDigest(dir, new Set(['.zap', 'node_modules'])).join('\n'))
    // A compile cache kept by an earlier deploy goes into the zip.
    .update(filesDigest(cacheDir(dir, settings.stage)).join('\n'))
    .digest('hex');
}

/** Old entries go once a day's old: each change to zap's sources makes new keys. */
function pruneOnce(): void {
  for (const name of existsSync(MEMO) ? readdirSync(MEMO) : []) {
    const p = join(MEMO, name);
    if (Date.now() - statSync(p).mtimeMs > A_DAY_MS) rmSync(p, { force: true });
  }
}

/** Writes a file whole or not at all, so a worker never reads half of one. */
function writeWhole(file: string, data: Buffer | string): void {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

/** deploy/artifact's buildArtifact, or the zip it made before for exactly these inputs. */
export async function packagedArtifact(dir: string, settings: StageSettings): Promise<Built> {
  if (process.env.ZAP_TEST_NO_MEMO === '1' || relative(REPO, dir).startsWith('..')) return buildArtifact(dir, settings);
  const key = keyFor(dir, settings);
  const zipFile = join(MEMO, `${key}.zip`);
  const metaFile = join(MEMO, `${key}.json`);
  // What packageApp writes, where it writes it: the compile-cache step re-zips beside it.
  const path = join(dir, '.zap', settings.stage, `${settings.project_name}-${settings.stage}.zip`);
  if (existsSync(metaFile) && existsSync(zipFile)) {
    const kept = JSON.parse(readFileSync(metaFile, 'utf8')) as Kept;
    const zip = readFileSync(zipFile);
    mkdirSync(join(dir, '.zap', settings.stage), { recursive: true });
    writeFileSync(path, zip);
    return { path, zip, sha256: kept.sha256, compileCache: kept.compileCache, cacheDir: cacheDir(dir, settings.stage) };
  }
  const built = await buildArtifact(dir, settings);
  mkdirSync(MEMO, { recursive: true });
  pruneOnce();
  writeWhole(zipFile, built.zip);
  writeWhole(metaFile, JSON.stringify({ sha256: built.sha256, compileCache: built.compileCache } satisfies Kept));
  return built;
}
