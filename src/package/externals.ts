import { existsSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { UserError } from '../core/errors';

interface PackageJson {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** Node's lookup: <dir>/node_modules/<name>, then each parent folder's. */
export function findPackageDir(fromDir: string, name: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

function readJson(file: string): PackageJson {
  return JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
}

function walk(dir: string, rel: string, out: Map<string, string>): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const abs = join(dir, entry.name);
    const zipPath = `${rel}/${entry.name}`;
    if (entry.isDirectory()) walk(abs, zipPath, out);
    else if (entry.isFile()) out.set(zipPath, abs);
    else if (entry.isSymbolicLink()) {
      const real = realpathSync(abs);
      if (readdirSafe(real)) walk(real, zipPath, out);
      else out.set(zipPath, real);
    }
  }
}

function readdirSafe(path: string): boolean {
  try {
    readdirSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * `external` packages and their production dependencies, copied from node_modules to the zip's
 * node_modules/, flat, as npm hoists them; a dependency already nested in its parent travels with it.
 */
export function collectExternals(projectDir: string, names: string[], stage: string): Map<string, string> {
  const files = new Map<string, string>();
  const placed = new Map<string, string>();
  const queue: { name: string; from: string; wantedBy: string }[] = names.map((name) => ({ name, from: projectDir, wantedBy: 'zap.json' }));
  while (queue.length) {
    const { name, from, wantedBy } = queue.shift()!;
    const found = findPackageDir(from, name);
    if (!found) {
      if (wantedBy === 'zap.json') {
        throw new UserError(`zap.json: stage '${stage}', key 'external': "${name}" is not installed; run \`npm i ${name}\` or remove it from "external"`, 2);
      }
      continue; // an optional dependency that is not installed, as npm allows
    }
    // Nested in its parent's own node_modules: already copied with the parent.
    if (wantedBy !== 'zap.json' && found.startsWith(from + sep)) continue;
    const dir = realpathSync(found);
    if (placed.has(name)) continue; // first version wins, as in a flat install
    placed.set(name, dir);
    walk(dir, `node_modules/${name}`, files);
    const pkg = readJson(join(dir, 'package.json'));
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) {
      queue.push({ name: dep, from: dir, wantedBy: name });
    }
  }
  return files;
}
