// Shared by every bench row: fresh child processes, medians, and the sample app packaged once.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SAMPLE_APP = join(REPO, 'sample-app');
export const require = createRequire(join(REPO, 'package.json'));

/** The Node the function runs on (nodejs24.x): this process's when it is 24, else the node@24 package. */
export function functionNode() {
  if (process.versions.node.startsWith('24.')) return process.execPath;
  const local = join(REPO, 'node_modules', 'node', 'bin', 'node');
  if (existsSync(local)) return local;
  throw new Error('bench needs Node 24: npm i -D node@24');
}

/** The environment for cold-start figures: no extra CA bundle to load, no inherited Node options. */
export function coldEnv(extra = {}) {
  const env = { ...process.env, NODE_OPTIONS: '', ...extra };
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function tempDir(prefix) {
  return mkdtempSync(join(tmpdir(), `zap-bench-${prefix}-`));
}

/** Wall time of a fresh process from spawn to exit, in ms; rejects if it fails. */
export function timeProcess(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0) return reject(new Error(`${cmd} ${args.join(' ').slice(0, 200)} exited ${code}: ${err.slice(-800)}`));
      resolve({ ms, out, err });
    });
  });
}

/** Alternates a and b (so drift hits both alike) and returns the median of each. */
export async function medianPair(runs, a, b) {
  const as = [];
  const bs = [];
  for (let i = 0; i < runs; i++) {
    as.push(await a());
    bs.push(await b());
  }
  return { a: median(as), b: median(bs) };
}

/** Unzips with yauzl (a zap dependency) into dir. */
export async function unzip(zipFile, dir) {
  const yauzl = require('yauzl');
  const zip = await yauzl.openPromise(zipFile, { lazyEntries: true });
  for await (const entry of zip.eachEntry()) {
    if (entry.fileName.endsWith('/')) continue;
    const chunks = [];
    for await (const c of await zip.openReadStreamPromise(entry)) chunks.push(c);
    mkdirSync(dirname(join(dir, entry.fileName)), { recursive: true });
    writeFileSync(join(dir, entry.fileName), Buffer.concat(chunks));
  }
  zip.close();
}

/** `zap package dev --json` on the sample app, through the built CLI. */
export function packageSample(outDir) {
  const out = execFileSync(process.execPath, [join(REPO, 'bin', 'zap.js'), 'package', 'dev', '--json', '--out', outDir], {
    cwd: SAMPLE_APP,
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

export function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}
