import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StageSettings } from '../settings/types';
import { APP_BUNDLE, ROOT_PACKAGE_JSON, rootStub } from '../contracts/layout';
import { collectExternals } from './externals';
import { checkPlatforms } from './platform-packages';
import { matchGlobs } from './glob';

export interface EntriesInput {
  projectDir: string;
  settings: StageSettings;
  runtimeIndex: string;
  bundle: { path: string; code: Buffer };
  external: string[];
  /** Files the app reads at run time (run-time-files.ts), by zip path = project-relative path. */
  runTimeFiles: Iterable<string>;
}

/**
 * The project's own package.json, still marked CommonJS (zap's index.js and bundles are). It ships
 * always, not only when the boot check sees it read: apps and their packages read it by a path built
 * at run time, often after boot (express-oas-generator's `${process.cwd()}/package.json` a second
 * after init, for the spec's title and version), and got an empty stub.
 */
function ownPackageJson(projectDir: string, exclude: string[]): Buffer {
  const file = join(projectDir, 'package.json');
  if (!existsSync(file) || matchGlobs(['package.json'], exclude).length) return Buffer.from(ROOT_PACKAGE_JSON);
  return Buffer.from(JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), type: 'commonjs' }, null, 2) + '\n');
}

/** Every file of the artifact by zip path: zap's entry, the app bundle, run-time files, external packages. */
export function artifactEntries(input: EntriesInput): { entries: Map<string, Buffer>; warnings: string[]; sources: string[] } {
  const { projectDir, settings, bundle } = input;
  const entries = new Map<string, Buffer>([
    ['index.js', readFileSync(input.runtimeIndex)],
    ['package.json', ownPackageJson(projectDir, settings.exclude)],
    [bundle.path, bundle.code],
  ]);
  const stub = rootStub(bundle.path);
  if (stub) entries.set(APP_BUNDLE, Buffer.from(stub));

  for (const f of input.runTimeFiles) {
    if (!entries.has(f)) entries.set(f, readFileSync(join(projectDir, f)));
  }
  const externals = collectExternals(projectDir, input.external, settings.stage);
  const platforms = checkPlatforms(externals, settings.architecture, settings.stage);
  for (const [zipPath, abs] of externals) if (!entries.has(zipPath) && !platforms.drop.has(zipPath)) entries.set(zipPath, readFileSync(abs));

  const warnings: string[] = [];
  if (platforms.left.length) warnings.push(`left out ${platforms.left.join(', ')}: built for another platform than the function's (linux, ${settings.architecture})`);
  // The external packages' files, for the packaging cache (src/package/cache.ts) to watch.
  return { entries, warnings, sources: [...externals.values()] };
}
