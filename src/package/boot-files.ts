/**
 * What the boot check saw the app open (boot-preload.ts): a file missing from the staged artifact
 * that exists at the same place in the project ships ("shipped: the app reads it at boot") and the
 * check runs again; one that cannot ship (outside the project, reached by an absolute path, or
 * excluded) is named with the setting or change that fixes it.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { packageRoot } from '../util/package-root';
import { listFiles, matchGlobs } from './glob';
import type { BootFiles } from '../contracts/boot-check';
import { outsideProjectFix } from './workspace-root';
import { unlistedFiles } from './boot-listings';

export type { BootFiles } from '../contracts/boot-check';

/** The `node` arguments and environment that record a boot, and a reader for the record. */
export function recordBootFiles(projectDir: string, stageDir: string): { args: string[]; env: Record<string, string>; read(): BootFiles | undefined } {
  const file = `${stageDir}.boot-files.json`;
  const preload = join(packageRoot(), 'dist', 'package', 'boot-preload.js');
  if (!existsSync(preload)) return { args: [], env: {}, read: () => undefined };
  return {
    args: ['-r', preload],
    env: { ZAP_BOOT_FILES: file, ZAP_PROJECT_DIR: projectDir },
    read() {
      try {
        return JSON.parse(readFileSync(file, 'utf8')) as BootFiles;
      } catch {
        return undefined;
      } finally {
        rmSync(file, { force: true });
      }
    },
  };
}

/** A file the app read at boot that cannot ship: which, why, and what fixes it. */
export interface Unshippable {
  file: string;
  why: string;
  fix: string;
}

export interface BootFileVerdict {
  /** Project-relative files to add to the artifact. */
  ship: string[];
  unshippable: Unshippable[];
}

/** For the error that stops packaging: the boot failed, and this file is a likely cause. */
export const asError = (u: Unshippable) => `${u.file} ${u.why}: ${u.fix}`;
/** For a warning: the app looked for the file but booted without it (it checks, as dotenv does). */
export const asWarning = (u: Unshippable) => `the app looked for ${u.file} at boot and booted without it: it ${u.why}`;

const slash = (p: string) => p.split('\\').join('/');
const NEVER = /(^|\/)(\.git|\.zap)(\/|$)/;

export function judgeBootFiles(projectDir: string, stageDir: string, seen: BootFiles, exclude: string[], stage: string, app?: string): BootFileVerdict {
  const ship = new Set<string>();
  const unshippable = new Map<string, Unshippable>();
  const refuse = (file: string, why: string, fix: string) => unshippable.set(file, { file, why, fix });
  for (const abs of seen.missing) {
    const rel = slash(relative(stageDir, abs));
    if (rel.startsWith('..') || isAbsolute(rel)) {
      const local = join(projectDir, rel);
      if (!rel.startsWith('..') || !existsSync(local)) continue; // missing under node too: the app copes
      refuse(local, "is outside the project, so it cannot ship at the path the app reads it from (../ past the artifact's root)", outsideProjectFix(projectDir, local, app));
      continue;
    }
    const local = join(projectDir, rel);
    if (!existsSync(local) || NEVER.test(rel)) continue;
    const files = statSync(local).isDirectory() ? listFiles(projectDir, rel) : [rel];
    const excluded = files.filter((f) => matchGlobs([f], exclude).length > 0);
    if (excluded.length) refuse(excluded[0]!, `is left out by "exclude" in zap.json (stage '${stage}')`, 'remove the glob that matches it');
    for (const f of files) if (!excluded.includes(f)) ship.add(f);
  }
  for (const f of unlistedFiles(projectDir, stageDir, seen.listed)) if (matchGlobs([f], exclude).length === 0) ship.add(f);
  for (const abs of seen.outside) {
    refuse(abs, 'is read by an absolute path into the project, which does not exist on Lambda', 'build the path from __dirname or process.cwd()');
  }
  return { ship: [...ship].sort(), unshippable: [...unshippable.values()] };
}

export interface BootWithFiles<R> {
  result: R;
  /** Project-relative files shipped because the app read them at boot. */
  shipped: string[];
  /** Files the app read at boot that cannot ship. */
  unshippable: Unshippable[];
}

/**
 * Boots, ships what the app read that the project has, and boots again (a few rounds at most: each
 * round can only reveal files read after the last one was found).
 */
export async function bootShippingFiles<R extends { files?: BootFiles; unreached?: string[] }>(opts: {
  projectDir: string;
  stageDir: string;
  exclude: string[];
  stage: string;
  /** zap.json `app`, for the fix a file outside the project gets. */
  app?: string;
  entries: Map<string, Buffer>;
  run: () => Promise<R>;
}): Promise<BootWithFiles<R>> {
  const shipped: string[] = [];
  let result = await opts.run();
  for (let round = 0; ; round++) {
    const verdict = result.files ? judgeBootFiles(opts.projectDir, opts.stageDir, result.files, opts.exclude, opts.stage, opts.app) : { ship: [], unshippable: [] };
    const fresh = verdict.ship.filter((f) => !opts.entries.has(f));
    if (fresh.length === 0 || round === 3) return { result, shipped, unshippable: verdict.unshippable };
    for (const f of fresh) {
      const data = readFileSync(join(opts.projectDir, f));
      opts.entries.set(f, data);
      mkdirSync(dirname(join(opts.stageDir, f)), { recursive: true });
      writeFileSync(join(opts.stageDir, f), data);
    }
    shipped.push(...fresh);
    // A boot that waited on a database it could not reach would wait as long again: the files ship, the boot is not repeated.
    if (result.unreached?.length) return { result, shipped, unshippable: verdict.unshippable };
    result = await opts.run();
  }
}

/**
 * Modules the boot check shipped (the app loaded them by a path no analysis followed) run outside
 * the bundle, with none of its packages: when the boot then failed, this says how to bundle them.
 */
export function unbundledModulesError(shipped: string[], bootError: { name: string; message: string }, stage: string): string | undefined {
  const modules = shipped.filter((f) => /\.[cm]?[jt]sx?$/.test(f));
  if (modules.length === 0) return undefined;
  const globs = [...new Set(modules.map((f) => (f.includes('/') ? `${f.slice(0, f.lastIndexOf('/'))}/**` : f)))];
  return (
    `the app failed to boot (${bootError.name}: ${bootError.message.split('\n')[0]}): it loads ${modules.slice(0, 3).join(', ')}${modules.length > 3 ? ', …' : ''} ` +
    `by a path zap could not follow, so ${modules.length > 1 ? 'they ran' : 'it ran'} outside the bundle: add ${globs.map((g) => `"${g}"`).join(', ')} to "include" in zap.json (stage '${stage}') so zap bundles ${modules.length > 1 ? 'them' : 'it'}`
  );
}

/** The writes into the code folder the boot check refused (boot-read-only.ts), project-relative. */
export function codeFolderWrites(stageDir: string, seen: BootFiles | undefined): string[] {
  return (seen?.written ?? []).map((abs) => slash(relative(stageDir, abs))).filter((rel) => rel && !rel.startsWith('..'));
}

const READ_ONLY = "Lambda's code folder (/var/task) is read-only";
const WRITE_FIX = 'write under os.tmpdir() (/tmp) instead, or log to stdout';

/** The boot failed and the app wrote into its code folder: the likely cause, and the fix. */
export function codeWriteError(written: string[], bootError: { name: string; message: string }, stageDir: string): string {
  const said = bootError.message.split('\n')[0]!.split(stageDir + '/').join('');
  return `the app failed to boot (${bootError.name}: ${said}): it writes ${written.slice(0, 3).join(', ')}${written.length > 3 ? ', …' : ''} in its code folder at boot, and ${READ_ONLY}: ${WRITE_FIX}`;
}

export function codeWriteWarning(written: string[]): string {
  return `the app tried to write ${written.slice(0, 3).join(', ')}${written.length > 3 ? ', …' : ''} in its code folder at boot and booted without it; ${READ_ONLY}, so the write fails there too: ${WRITE_FIX}`;
}
