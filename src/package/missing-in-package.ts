/**
 * A package may require a file of its own that is not installed, in a branch that never runs:
 * stylus's `process.env.STYLUS_COV ? require('./lib-cov/stylus') : require('./lib/stylus')`.
 * Node only fails if the branch runs; esbuild refuses to bundle. Such requires (relative, from a
 * module in node_modules, to a file that is not there) are left to run time, where they fail as
 * under `node` if they ever run.
 */
import type { Message, Plugin } from 'esbuild';
import { isAbsolute, join } from 'node:path';

export interface MissingSite {
  /** Absolute path of the module that requires it. */
  importer: string;
  path: string;
}

const NOT_FOUND = /^Could not resolve "(\.{1,2}\/[^"]+)"/;

/** The build errors that are such requires; undefined when any error is something else. */
export function missingInPackages(projectDir: string, errors: Message[]): MissingSite[] | undefined {
  const sites: MissingSite[] = [];
  for (const e of errors) {
    const path = NOT_FOUND.exec(e.text)?.[1];
    const file = e.location?.file;
    if (!path || !file || !/(^|\/)node_modules\//.test(file)) return undefined;
    sites.push({ importer: isAbsolute(file) ? file : join(projectDir, file), path });
  }
  return sites.length ? sites : undefined;
}

export function missingInPackagesPlugin(sites: MissingSite[]): Plugin {
  return {
    name: 'zap-missing-in-package',
    setup(build) {
      build.onResolve({ filter: /^\.{1,2}\// }, (args) =>
        sites.some((s) => s.importer === args.importer && s.path === args.path) ? { path: args.path, external: true } : undefined,
      );
    },
  };
}
