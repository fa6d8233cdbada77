import type { Metafile } from 'esbuild';
import { existsSync } from 'node:fs';
import { fileText } from './file-text';
import { folderEntries } from './folder-entries';
import { join } from 'node:path';
import { packageOf } from './packages';
import { UserError } from '../core/errors';
import type { StageSettings } from '../settings/types';

/** Loaders that find a compiled .node file at run time by a computed path, which bundling breaks. */
const ADDON_LOADERS = ['bindings', 'node-gyp-build', 'prebuild-install', 'node-pre-gyp', '@mapbox/node-pre-gyp', 'node-addon-api'];

function hasNodeFile(dir: string, depth = 0): boolean {
  if (depth > 5) return false;
  for (const entry of folderEntries(dir)) {
    if (entry.isFile && entry.name.endsWith('.node')) return true;
    if (entry.isDirectory && entry.name !== 'node_modules' && hasNodeFile(join(dir, entry.name), depth + 1)) return true;
  }
  return false;
}

function usesAddonLoader(dir: string): boolean {
  try {
    const pkg = JSON.parse(fileText(join(dir, 'package.json'))) as { dependencies?: Record<string, string>; gypfile?: boolean };
    return pkg.gypfile === true || ADDON_LOADERS.some((l) => l in (pkg.dependencies ?? {}));
  } catch {
    return false;
  }
}

/** A package folder that holds or builds a native addon. */
export function isNativePackage(dir: string): boolean {
  return usesAddonLoader(dir) || hasNodeFile(dir);
}

/** Bundled packages that hold or build a native addon; each belongs in `external`. */
export function nativePackages(projectDir: string, metafile: Metafile): string[] {
  const seen = new Map<string, string>();
  for (const input of Object.keys(metafile.inputs)) {
    const pkg = packageOf(input);
    if (pkg && !seen.has(pkg.name)) seen.set(pkg.name, join(projectDir, pkg.dir));
  }
  return [...seen]
    .filter(([, dir]) => existsSync(dir) && isNativePackage(dir))
    .map(([name]) => name)
    .sort();
}

/** The module that requires a package, your own file first (the one to look at), else a package's. */
export function importerOf(metafile: Metafile, name: string): string | undefined {
  const importers = Object.entries(metafile.inputs)
    .filter(([from, input]) => packageOf(from)?.name !== name && input.imports.some((i) => packageOf(i.path)?.name === name))
    .map(([from]) => from);
  return importers.find((f) => !packageOf(f)) ?? importers[0];
}

/** Exit code 2, as for any setting the user must add: the fix is one key in zap.json. */
export function nativeAddonError(natives: string[], settings: StageSettings, metafile?: Metafile): UserError {
  const many = natives.length > 1;
  const by = natives.map((n) => ({ n, from: metafile ? importerOf(metafile, n) : undefined }));
  const named = by.map(({ n, from }) => (from ? `${n} (required by ${from})` : n)).join(', ');
  return new UserError(
    `native addon${many ? 's' : ''} cannot be bundled: ${named}. Add ${natives.map((n) => `"${n}"`).join(', ')} ` +
      `to "external" in zap.json (stage '${settings.stage}') so ${many ? 'they are' : 'it is'} copied from node_modules, built for Linux ${settings.architecture}.`,
    2,
  );
}
