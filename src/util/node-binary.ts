import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';

/** The Node major a Lambda runtime name stands for: "nodejs24.x" → 24. */
export function runtimeMajor(runtime: string): number {
  const m = /^nodejs(\d+)\.x$/.exec(runtime);
  if (!m) throw new Error(`unsupported runtime "${runtime}": expected nodejs22.x or nodejs24.x`);
  return Number(m[1]);
}

function majorOf(binary: string): number | undefined {
  // This process's own Node: its version is known without starting it again.
  if (binary === process.execPath) return Number(process.versions.node.split('.')[0]);
  try {
    const v = execFileSync(binary, ['--version'], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } }).trim();
    return Number(/^v(\d+)/.exec(v)?.[1]);
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
