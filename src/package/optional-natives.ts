/**
 * A package's optional native accelerator: msgpackr (under bullmq) tries `require('msgpackr-extract')`
 * and falls back to JavaScript; cbor-x does the same with cbor-extract. The package lists it in its
 * `optionalDependencies`, so it must run without it, as it does wherever npm
 * could not install it. Bundled, the addon breaks (its loader looks for a .node file by computed
 * path), and shipped it must match Lambda's CPU. So unless the project lists it in `external`, the
 * require() is served by a module that throws Node's own MODULE_NOT_FOUND: the package takes its
 * fallback on Lambda, in the boot check and in `zap local` alike, and `zap package` says so.
 */
import type { Metafile, Plugin } from 'esbuild';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileText } from './file-text';
import { isNativePackage } from './native';
import { packageOf } from './packages';
import { packageName } from './absent-packages';

const NAMESPACE = 'zap-optional-native';

interface Manifest {
  name?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

function manifest(dir: string): Manifest {
  try {
    return JSON.parse(fileText(join(dir, 'package.json'))) as Manifest;
  } catch {
    return {};
  }
}

/** Where Node would find package `name` from `fromDir`: the nearest node_modules up the tree. */
function installedDir(name: string, fromDir: string): string | undefined {
  for (let d = fromDir; ; d = dirname(d)) {
    const candidate = join(d, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(d) === d) return undefined;
  }
}

/**
 * Only optionalDependencies, which npm installs by itself: an optional peer (knex's better-sqlite3,
 * ws's bufferutil) is installed because the project asked for it, and so is anything the project's
 * own package.json lists. Those the app means to use: they stay native addons to put in `external`.
 */
const isOptional = (m: Manifest, name: string) => name in (m.optionalDependencies ?? {});
const projectWants = (m: Manifest, name: string) => [m.dependencies, m.devDependencies, m.optionalDependencies].some((d) => name in (d ?? {}));

export function optionalNativesPlugin(projectDir: string, external: readonly string[]): Plugin {
  return {
    name: 'zap-optional-natives',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        const owner = packageOf(args.importer);
        const name = packageName(args.path);
        if (!owner || args.path.startsWith('node:') || external.includes(name)) return undefined;
        const ownerDir = owner.dir; // absolute, as the importer is
        if (!isOptional(manifest(ownerDir), name) || projectWants(manifest(projectDir), name)) return undefined;
        const dir = installedDir(name, ownerDir);
        if (!dir || !isNativePackage(dir)) return undefined;
        return { path: args.path, namespace: NAMESPACE, pluginData: owner.name };
      });
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
        contents:
          `var e = new Error(${JSON.stringify(`Cannot find module '${args.path}': zap left out this optional native addon of ${String(args.pluginData)} (add "${packageName(args.path)}" to "external" in zap.json to ship it)`)});\n` +
          `e.code = 'MODULE_NOT_FOUND';\nthrow e;\n`,
        loader: 'js',
      }));
    },
  };
}

/** One note per optional addon left out, naming the package that falls back without it. */
export function optionalNativeNotes(metafile: Metafile, architecture: string): string[] {
  const prefix = `${NAMESPACE}:`;
  const left = Object.keys(metafile.inputs).filter((i) => i.startsWith(prefix));
  return left.map((input) => {
    const name = packageName(input.slice(prefix.length));
    const askers = Object.entries(metafile.inputs).filter(([, v]) => v.imports.some((i) => i.path === input)).map(([from]) => packageOf(from)?.name ?? from);
    const by = [...new Set(askers)].join(', ');
    return (
      `"${name}" is an optional native addon of ${by}: left out, so ${by} runs without it, as where it is not installed. ` +
      `To ship it, add "${name}" to "external" (its build for Linux ${architecture} must be installed)`
    );
  });
}
