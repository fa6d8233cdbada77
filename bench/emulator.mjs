// Emulator figures for the bench: TypeScript sources bundled on the fly, and a deployed copy of the
// sample app driven through the CLI exactly as a user drives it.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO, SAMPLE_APP } from './lib.mjs';

/** Imports a TypeScript module of zap's (bundled to a temp file first). */
export async function importSource(entry) {
  // Inside the repository, so that zap finds its own folder (dist/, node_modules) from the module.
  const out = join(REPO, '.zap-test', `bench-src-${process.pid}-${entry.replace(/\W/g, '_')}`, 'mod.mjs');
  await build({ entryPoints: [join(REPO, entry)], bundle: true, platform: 'node', format: 'esm', outfile: out, packages: 'external', logLevel: 'error', banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } });
  try {
    return await import(pathToFileURL(out).href);
  } finally {
    rmSync(dirname(out), { recursive: true, force: true });
  }
}

const zapBin = join(REPO, 'bin', 'zap.js');

function run(args, opts) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [zapBin, ...args], { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve({ stdout, stderr }) : reject(new Error(`zap ${args.join(' ')} exited ${code}: ${stderr}`))));
  });
}

/** `zap emulator` on a free port and a fresh copy of the sample app deployed into it with these dev settings. */
export async function deployedSample(dev) {
  const { startEmulator } = await importSource('src/emulator/index.ts');
  const emulator = await startEmulator({ region: 'eu-west-1', delays: { roleAssumableMs: 300, functionPendingMs: 100, updateInProgressMs: 100 } });
  const dir = join(REPO, '.zap-test', `bench-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  cpSync(SAMPLE_APP, dir, { recursive: true, filter: (src) => !src.includes(`${SAMPLE_APP}/.zap`) });
  const settingsFile = join(dir, 'zap.json');
  const settings = JSON.parse(readFileSync(settingsFile, 'utf8'));
  settings.dev = { ...settings.dev, project_name: `bench${process.pid}`, ...dev };
  writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
  const env = { ...process.env, AWS_ENDPOINT_URL: emulator.endpoint, AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
  const zap = (args) => run(args, { cwd: dir, env });
  const deployed = JSON.parse((await zap(['deploy', 'dev', '--json'])).stdout);
  return {
    emulator,
    dir,
    zap,
    fn: deployed.function,
    url: deployed.url,
    async close() {
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
