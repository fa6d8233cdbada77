/**
 * The boot check runs inside the project (so @aws-sdk/* resolves as Lambda provides it), where a
 * require() the bundle left to run time finds the project's node_modules: a package loaded by computed
 * name (Sequelize's and knex's dialect drivers, `require(moduleName)`) boots there and is missing on
 * Lambda. The preload records each package the artifact's code resolves into the project's
 * node_modules; boot-check.ts ships them as "external", as if the app had listed them.
 */
import Module from 'node:module';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Lambda's Node runtime provides the AWS SDK v3 and what it is built on. */
const PROVIDED = /^@(aws-sdk|smithy|aws-crypto)\//;

/** `node_modules/<name>/…` or `node_modules/@scope/name/…` (the last node_modules on the path) → the package name. */
export function packageOfPath(file: string): string | undefined {
  const parts = file.split(sep);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0 || at + 1 >= parts.length) return undefined;
  const name = parts[at + 1]!.startsWith('@') ? parts.slice(at + 1, at + 3).join('/') : parts[at + 1]!;
  return name.includes('/') || !name.startsWith('@') ? name : undefined;
}

const inside = (dir: string, p: string) => p === dir || p.startsWith(dir + sep);

/** zap's bundle, zap's entry, or a package shipped in the artifact: code whose requires are the bundle's own. */
const bundled = (root: string, file: string) => /(^|[\\/])(zap-app\.[cm]js|zap-tasks\.[cm]?js)$/.test(file) || file === root + sep + 'index.js' || inside(root + sep + 'node_modules', file);

/**
 * Records packages that code in `root` (the staged artifact) resolves from `project`'s node_modules:
 * `packages` when the bundle (or a shipped package) asks, to ship as external; `byModules` when one of
 * the app's own modules that run outside the bundle asks (boot-modules.ts bundles those modules).
 */
export function recordPackageLoads(root: string, project: string | undefined): { packages: Set<string>; byModules: Set<string> } {
  const loaded = { packages: new Set<string>(), byModules: new Set<string>() };
  if (!project) return loaded;
  const nodeModules = project + sep + 'node_modules';
  const mod = Module as unknown as { _resolveFilename: (request: string, parent: { filename?: string } | undefined, ...rest: unknown[]) => string };
  const resolveFilename = mod._resolveFilename;
  mod._resolveFilename = function (request, parent, ...rest) {
    const file = resolveFilename.call(this, request, parent, ...rest);
    const from = parent?.filename;
    if (from && inside(root, from) && inside(nodeModules, file)) {
      const name = packageOfPath(file);
      if (name && !PROVIDED.test(name + '/')) (bundled(root, from) ? loaded.packages : loaded.byModules).add(name);
    }
    return file;
  };
  // import() of a package (an ESM bundle's, or a CommonJS bundle's dynamic import) goes through Node's
  // ESM resolver, which _resolveFilename never sees: the in-thread resolve hook does (Node 22.15+).
  const registerHooks = (Module as unknown as { registerHooks?: (hooks: { resolve: EsmResolve }) => void }).registerHooks;
  registerHooks?.({
    resolve(specifier, context, next) {
      const r = next(specifier, context);
      const file = r.url.startsWith('file:') ? fileURLToPath(r.url) : undefined;
      const from = context.parentURL?.startsWith('file:') ? fileURLToPath(context.parentURL) : undefined;
      if (file && from && inside(root, from) && inside(nodeModules, file)) {
        const name = packageOfPath(file);
        if (name && !PROVIDED.test(name + '/')) (bundled(root, from) ? loaded.packages : loaded.byModules).add(name);
      }
      return r;
    },
  });
  return loaded;
}

type EsmResolve = (specifier: string, context: { parentURL?: string }, next: (specifier: string, context: { parentURL?: string }) => { url: string }) => { url: string };
