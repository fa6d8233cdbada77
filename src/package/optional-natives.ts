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
  os?: string[];
  cpu?: string[];
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
const isPlatformBuild = (m: Manifest) => Array.isArray(m.os) || Array.isArray(m.cpu);
const projectWants = (m: Manifest, name: string) => [m.dependencies, m.devDependencies, m.optionalDependencies].some((d) => name in (d ?? {}));

/** The words the left-out module throws with: a boot that fails on them needs the addon after all (boot-check.ts). */
export const LEFT_OUT = 'zap left out this optional native addon';

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
        // A build for one platform (`os`/`cpu` in its package.json: @node-rs/argon2-linux-x64-gnu, @swc/core-linux-x64-gnu)
        // is the package's implementation, not an accelerator it can do without: it stays a native addon for "external".
        if (!dir || !isNativePackage(dir) || isPlatformBuild(manifest(dir))) return undefined;
        return { path: args.path, namespace: NAMESPACE, pluginData: owner.name };
      });
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
        contents:
          `var e = new Error(${JSON.stringify(`Cannot find module '${args.path}': ${LEFT_OUT} of ${String(args.pluginData)} (add "${packageName(args.path)}" to "external" in zap.json to ship it)`)});\n` +
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

/** The boot failed on a left-out addon: the package needs it after all, so it must ship. */
export function leftOutNeededError(bootError: { message: string } | undefined, stage: string): string | undefined {
  const name = bootError && bootError.message.includes(LEFT_OUT) ? /Cannot find module '([^']+)'/.exec(bootError.message)?.[1] : undefined;
  if (!name) return undefined;
  return `the app failed to boot without the optional native addon "${packageName(name)}" (${bootError!.message.split('\n')[0]}): add "${packageName(name)}" to "external" in zap.json (stage '${stage}') so it ships, built for the function's architecture`;
}
