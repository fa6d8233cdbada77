/**
 * TypeScript 7 (the native compiler, what `npm i -D typescript` installs today) ships no JavaScript
 * API: `require('typescript')` gives its version only, with no transpileModule. A decorated file
 * under `emitDecoratorMetadata` is then compiled by the project's own `tsc`, once per tsconfig, into
 * a temporary folder: the same output `npm run build` writes, read back for each file esbuild loads.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { UserError } from '../core/errors';

const OUTPUT: Record<string, string> = { ts: 'js', tsx: 'js', mts: 'mjs', cts: 'cjs' };

/** The project's `tsc` script (typescript's package.json `bin`), or undefined. */
function tscScript(projectDir: string): string | undefined {
  try {
    const pkg = createRequire(join(projectDir, 'package.json')).resolve('typescript/package.json');
    const bin = (JSON.parse(readFileSync(pkg, 'utf8')) as { bin?: Record<string, string> }).bin?.tsc;
    return bin ? join(dirname(pkg), bin) : undefined;
  } catch {
    return undefined;
  }
}

interface Emitted {
  texts: Map<string, string>;
  log: string;
}

/** Runs tsc on the tsconfig's project with its output in a temporary folder, and keeps each JavaScript file by project-relative path. */
function emitProject(projectDir: string, tsconfig: string): Emitted {
  const tsc = tscScript(projectDir);
  if (!tsc) throw new UserError(`${relative(projectDir, tsconfig)} sets "emitDecoratorMetadata" and the installed typescript has no compiler zap can run: run \`npm i -D typescript\``, 2);
  const out = mkdtempSync(join(tmpdir(), 'zap-tsc-'));
  try {
    const flags = ['--outDir', out, '--rootDir', projectDir, '--noEmit', 'false', '--declaration', 'false', '--sourceMap', 'false', '--inlineSourceMap', 'false', '--incremental', 'false', '--composite', 'false'];
    // Type errors do not stop the emit, as under tsc without noEmitOnError; a file with no output says why (emitted()).
    const run = spawnSync(process.execPath, [tsc, '-p', tsconfig, ...flags], { cwd: projectDir, encoding: 'utf8', timeout: 120_000 });
    const texts = new Map<string, string>();
    for (const f of readdirSync(out, { recursive: true, encoding: 'utf8' })) {
      if (/\.[cm]?js$/.test(f)) texts.set(f.split(sep).join('/'), readFileSync(join(out, f), 'utf8'));
    }
    return { texts, log: `${run.stdout ?? ''}${run.stderr ?? ''}${run.error ? String(run.error) : ''}`.trim() };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Compiles one file as the project's tsc does; each tsconfig's project is compiled once. */
export function tscEmitter(projectDir: string): (tsconfig: string, file: string) => string {
  const projects = new Map<string, Emitted>();
  return (tsconfig, file) => {
    let emitted = projects.get(tsconfig);
    if (!emitted) projects.set(tsconfig, (emitted = emitProject(projectDir, tsconfig)));
    const rel = relative(projectDir, file).split(sep).join('/').replace(/\.(ts|tsx|mts|cts)$/, (_m, ext: string) => '.' + OUTPUT[ext]);
    const text = emitted.texts.get(rel);
    if (text !== undefined) return text;
    const log = emitted.log.split('\n').slice(0, 3).join(' ') || 'no output';
    throw new UserError(`${relative(projectDir, file)} has decorators under "emitDecoratorMetadata", and the project's tsc wrote no ${rel} for it (${log}): check that tsconfig.json includes it`, 2);
  };
}
