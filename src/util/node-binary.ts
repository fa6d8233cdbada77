import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { identityOf, settled } from './file-identity';
import { packageRoot } from './package-root';

/** The Node major a Lambda runtime name stands for: "nodejs24.x" → 24. */
export function runtimeMajor(runtime: string): number {
  const m = /^nodejs(\d+)\.x$/.exec(runtime);
  if (!m) throw new Error(`unsupported runtime "${runtime}": expected nodejs22.x or nodejs24.x`);
  return Number(m[1]);
}

const KEPT_MAX = 32;

/**
 * Majors already asked, kept across processes in zap's node_modules/.cache by the binary's path and
 * identity (inode, size, times): asking starts the binary (~40 ms of CPU), and every `zap package`
 * asks for the same one. A binary replaced or rebuilt has another identity and is asked again.
 * Nothing is kept where zap's folder is not writable.
 */
const keptFile = () => join(packageRoot(), 'node_modules', '.cache', 'zap', 'node-majors.json');

function keptMajors(): Record<string, number> {
  try {
    const kept: unknown = JSON.parse(readFileSync(keptFile(), 'utf8'));
    return typeof kept === 'object' && kept !== null ? (kept as Record<string, number>) : {};
  } catch {
    return {};
  }
}

function keep(id: string, major: number): void {
  try {
    const file = keptFile();
    mkdirSync(dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    // The latest few: a binary replaced leaves its old identity behind.
    writeFileSync(partial, JSON.stringify(Object.fromEntries(Object.entries({ ...keptMajors(), [id]: major }).slice(-KEPT_MAX))));
    renameSync(partial, file);
  } catch {}
}

/** The binary's path and identity, when it is a settled file named by path (a bare `node24` is found on PATH anew each time). */
function binaryIdentity(binary: string): string | undefined {
  if (!binary.includes('/')) return undefined;
  const lookedAt = Date.now();
  try {
    const st = statSync(binary, { throwIfNoEntry: false });
    if (!st?.isFile() || !settled(st, lookedAt)) return undefined;
    return `${binary} ${identityOf(st)}`;
  } catch {
    return undefined;
  }
}

function majorOf(binary: string): number | undefined {
  // This process's own Node: its version is known without starting it again.
  if (binary === process.execPath) return Number(process.versions.node.split('.')[0]);
  const id = binaryIdentity(binary);
  const kept = id ? keptMajors()[id] : undefined;
  if (typeof kept === 'number' && Number.isInteger(kept)) return kept;
  try {
    const v = execFileSync(binary, ['--version'], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } }).trim();
    const major = Number(/^v(\d+)/.exec(v)?.[1]);
    if (id && Number.isInteger(major)) keep(id, major);
    return major;
  } catch {
    return undefined;
  }
}

const cache = new Map<number, string | undefined>();

/**
 * A Node binary of the major a runtime names, so function code runs on the Node it will run on
 * in Lambda: this process's own Node, the `node` package from the npm registry (`npm i -D node@24`),
 * or `node<major>` on PATH. Undefined when none is found.
 */
export function findNodeBinary(major: number): string | undefined {
  if (cache.has(major)) return cache.get(major);
  const candidates: string[] = [process.execPath];
  try {
    const req = createRequire(join(process.cwd(), 'package.json'));
    candidates.push(join(dirname(req.resolve('node/package.json')), 'bin', 'node'));
  } catch {}
  // zap's own install: resolved from the running script (bin/zap.js, or the test runner).
  if (process.argv[1]) {
    try {
      const req = createRequire(process.argv[1]);
      candidates.push(join(dirname(req.resolve('node/package.json')), 'bin', 'node'));
    } catch {}
  }
  candidates.push(`node${major}`);
  const found = candidates.find((c) => (c.includes('/') ? existsSync(c) : true) && majorOf(c) === major);
  cache.set(major, found);
  return found;
}

/** Like findNodeBinary, but explains how to get one when it is missing. */
export function nodeBinaryFor(runtime: string): string {
  const major = runtimeMajor(runtime);
  const found = findNodeBinary(major);
  if (!found) {
    throw new Error(
      `${runtime} needs Node ${major}, and none was found (this process runs ${process.version}). ` +
        `Install it next to your project with \`npm i -D node@${major}\`, or put node${major} on PATH.`,
    );
  }
  return found;
}
