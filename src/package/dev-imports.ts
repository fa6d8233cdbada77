/**
 * A devDependency the app's own code loads with `import()` on a development path: Vite's SSR
 * template and React Router's custom server start Vite's dev server with
 * `if (!isProduction) { const { createServer } = await import('vite') … }`. esbuild cannot know the
 * branch is dead under the stage's NODE_ENV, so Vite, Rolldown and Lightning CSS (2.7 MB) were bundled,
 * with warnings about their native builds that the app never loads. Such an import is left to run
 * time, as a production install (`npm ci --omit=dev`) leaves the package out. If the boot does load
 * it, the boot check sees the package come from node_modules and ships it (boot-packages.ts).
 */
import type { Metafile, Plugin } from 'esbuild';
import { join } from 'node:path';
import { fileText } from './file-text';

interface Manifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** Packages only in the project's devDependencies. */
function devOnly(projectDir: string): Set<string> {
  try {
    const pkg = JSON.parse(fileText(join(projectDir, 'package.json'))) as Manifest;
    return new Set(Object.keys(pkg.devDependencies ?? {}).filter((n) => !(n in (pkg.dependencies ?? {}))));
  } catch {
    return new Set();
  }
}

const nameOf = (spec: string) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

export function devImportsPlugin(projectDir: string): Plugin {
  const dev = devOnly(projectDir);
  return {
    name: 'zap-dev-imports',
    setup(build) {
      if (dev.size === 0) return;
      build.onResolve({ filter: /^[^./]/ }, (args) =>
        args.kind === 'dynamic-import' && !args.importer.includes('node_modules') && dev.has(nameOf(args.path)) ? { path: args.path, external: true } : undefined,
      );
    },
  };
}

export function devImportNotes(projectDir: string, metafile: Metafile): string[] {
  const dev = devOnly(projectDir);
  const notes = new Map<string, string>();
  for (const [file, input] of Object.entries(metafile.inputs)) {
    if (file.includes('node_modules/')) continue;
    for (const i of input.imports) {
      const name = nameOf(i.path);
      if (i.external && i.kind === 'dynamic-import' && dev.has(name) && !notes.has(name)) {
        notes.set(name, `"${name}" (a devDependency) is loaded with import() by ${file} and left out, as a production install leaves it out; if the app loads it on Lambda, move it to "dependencies"`);
      }
    }
  }
  return [...notes.values()];
}
