import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPackageDir } from './externals';

interface Manifest {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

function manifest(dir: string | undefined): Manifest {
  if (!dir) return {};
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
  } catch {
    return {};
  }
}

const depsOf = (m: Manifest): string[] => Object.keys({ ...m.dependencies, ...m.optionalDependencies });

/**
 * Packages whose code runs in worker threads that load modules by file and by name, which no
 * bundle can serve: pino's transports start `thread-stream/lib/worker.js`, which loads
 * `pino/lib/worker.js`, which `require()`s each target by the name the app gave
 * (`pino.transport({ target: 'pino-pretty' })`, `pino/file`), resolved from node_modules. Bundled,
 * the boot dies on `unable to determine transport target`. So pino ships unbundled with its
 * dependencies, and so does every transport the project depends on (a package built on
 * `pino-abstract-transport`, which is what makes it a target). Whether a dependency reaches pino
 * through another (pino-http, nestjs-pino) counts too: the app's logger is still pino's.
 */
export function workerPackages(projectDir: string, alreadyExternal: string[]): string[] {
  const direct = depsOf(manifest(projectDir));
  const dirOf = (name: string) => findPackageDir(projectDir, name);
  const usesPino = direct.some((d) => d === 'pino' || depsOf(manifest(dirOf(d))).includes('pino'));
  if (!usesPino || !dirOf('pino')) return [];
  const transports = direct.filter((d) => d !== 'pino' && depsOf(manifest(dirOf(d))).includes('pino-abstract-transport'));
  // pino without transports runs in the app's thread and bundles as any package does.
  if (transports.length === 0 && !configuresTransport(projectDir)) return [];
  return ['pino', ...transports].filter((p) => !alreadyExternal.includes(p));
}

const SKIP = new Set(['node_modules', '.git', '.zap', 'dist', 'build', 'coverage']);

/** A project source that sets up a pino transport (`pino.transport(...)`, `transport: { target: 'pino/file' }`). */
function configuresTransport(dir: string, budget = { files: 2000 }): boolean {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  for (const e of entries) {
    if (budget.files-- <= 0) return false;
    if (e.isDirectory() && !SKIP.has(e.name) && !e.name.startsWith('.')) {
      if (configuresTransport(join(dir, e.name), budget)) return true;
    } else if (e.isFile() && /\.[cm]?[jt]sx?$/.test(e.name)) {
      const text = readFileSync(join(dir, e.name), 'utf8');
      if (/\bpino\b/.test(text) && /\b(transport|targets?)\s*[:(]/.test(text)) return true;
    }
  }
  return false;
}

/** The note `zap package` prints when it ships pino unbundled, so the larger zip has a reason. */
export function workerPackagesNote(names: string[]): string | undefined {
  if (!names.length) return undefined;
  return `${names.join(', ')} shipped unbundled from node_modules: pino's transports run in worker threads that load their targets by name` +
    ' (on Lambda a worker runs only while an invocation does: its lines can reach the log one invocation late; pino() without a transport writes at once)';
}
