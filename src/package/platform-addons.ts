/**
 * Bundled packages whose native build is a package of its own per platform, named in their
 * `optionalDependencies` and loaded by a path the bundle cannot follow: sharp 0.35 through
 * `createRequire(import.meta.url)` (`@img/sharp-linux-x64/sharp.node`), lightningcss by a computed
 * name. esbuild sees no `.node` file (native.ts finds none in the package), so the bundle holds the
 * JavaScript and the first call fails on Lambda: Astro's `/_image` endpoint answered 500 where
 * `node` resized the image. Whether the app calls it is known only at run time (Astro bundles its
 * sharp service always), so this is a warning that names the fix, in place of the generic
 * "loads a module by computed name" line for the same package.
 */
import type { Metafile } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileText } from './file-text';
import { findPackageDir } from './externals';
import { packageOf } from './packages';

interface Manifest {
  os?: string[];
  cpu?: string[];
  optionalDependencies?: Record<string, string>;
}

function manifest(dir: string): Manifest | undefined {
  try {
    return JSON.parse(fileText(join(dir, 'package.json'))) as Manifest;
  } catch {
    return undefined;
  }
}

/** Bundled package → its per-platform builds installed here (npm installs this machine's only). */
export function platformAddons(projectDir: string, metafile: Metafile): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const input of Object.keys(metafile.inputs)) {
    const pkg = packageOf(input);
    if (!pkg || seen.has(pkg.name)) continue;
    seen.add(pkg.name);
    const dir = join(projectDir, pkg.dir);
    const optional = Object.keys(manifest(dir)?.optionalDependencies ?? {});
    const builds = optional.filter((name) => {
      const at = findPackageDir(dirname(dir), name);
      const m = at ? manifest(at) : undefined;
      return !!m && !!(m.os || m.cpu);
    });
    if (builds.length) found.set(pkg.name, builds);
  }
  return found;
}

/** The computed-name notes with each such package's line replaced by one that names its build and the fix. */
export function withPlatformAddons(projectDir: string, metafile: Metafile, stage: string, notes: string[]): string[] {
  const addons = platformAddons(projectDir, metafile);
  if (addons.size === 0) return notes;
  const kept = notes.filter((n) => ![...addons.keys()].some((name) => n.startsWith(`"${name}" loads a module by computed name`)));
  const lines = [...addons].map(
    ([name, builds]) =>
      `"${name}" is bundled without its native build (${builds.join(', ')}), which it loads by a path the bundle cannot follow: ` +
      `the app fails on Lambda where it calls ${name}. Add "${name}" to "external" in zap.json (stage '${stage}') to ship it with its build for the function's platform`,
  );
  return [...kept, ...lines];
}
