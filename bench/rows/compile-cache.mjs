// The compile cache: the first HTTP answer of a fresh process with zap's cache vs the same bundle
// without it and vs the app loaded from node_modules; and cold starts in the emulator with and without it.
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { REPO, SAMPLE_APP, coldEnv, functionNode, median, require, timeProcess } from '../lib.mjs';
import { CACHE_FILE, addCompileCache } from '../compile-cache-maker.mjs';

const HOST = new URL('../hosts/first-answer.cjs', import.meta.url).pathname;
const EVENTS = new URL('../hosts/event.cjs', import.meta.url).pathname;
const RUNS = 21;

/** The measured request, and the paths of the warm-up requests compared: the old default `/`, and the measured route itself (the most a warm-up can add). */
const MEASURED = '/users/42?fields=name';
const WARMUPS = { root: '/', same: MEASURED };

/**
 * The sample artifact plus a cache made by its own handler, on the function's Node, as deploy makes
 * it in Lambda: by default with no request through the app; with `warmupPath`, after that GET.
 */
function cachedTaskDir(ctx, name = 'task-compile-cache', warmupPath) {
  const dir = join(ctx.work, name);
  cpSync(ctx.taskDir, dir, { recursive: true });
  addCompileCache(dir, warmupPath);
  return dir;
}

/**
 * One set of runs for the first-answer rows: cache (made without a request), caches made after a
 * warm-up GET / and GET of the measured route, bundle without a cache (off), node_modules; interleaved.
 */
function firstAnswers(ctx) {
  ctx.compileCacheRuns ??= (async () => {
    const node = functionNode();
    const dir = cachedTaskDir(ctx);
    const rootDir = cachedTaskDir(ctx, 'task-compile-cache-root', WARMUPS.root);
    const sameDir = cachedTaskDir(ctx, 'task-compile-cache-same', WARMUPS.same);
    const env = coldEnv({ NODE_PATH: join(REPO, 'node_modules') });
    const keys = ['cache', 'root', 'same', 'miss', 'off', 'modules'];
    const t = Object.fromEntries(keys.map((k) => [k, []]));
    const wall = Object.fromEntries(keys.map((k) => [k, []]));
    const run = async (key, file, cwd, extra = {}) => {
      const r = await timeProcess(node, [HOST, file], { env: { ...env, ...extra }, cwd });
      const at = /first-answer-ms ([\d.]+)/.exec(r.out);
      if (!at) throw new Error(`no first-answer time from ${file}`);
      t[key].push(Number(at[1]));
      wall[key].push(r.ms);
    };
    for (let i = 0; i < RUNS; i++) {
      await run('cache', join(dir, 'index.js'), dir);
      // As on Lambda, the function that made the cache keeps the setting (a cache made with another warm-up is not used).
      await run('root', join(rootDir, 'index.js'), rootDir, { ZAP_COMPILE_CACHE_WARMUP_PATH: WARMUPS.root });
      await run('same', join(sameDir, 'index.js'), sameDir, { ZAP_COMPILE_CACHE_WARMUP_PATH: WARMUPS.same });
      await run('off', join(dir, 'index.js'), dir, { ZAP_COMPILE_CACHE: 'off' });
      await run('miss', join(ctx.taskDir, 'index.js'), ctx.taskDir);
      await run('modules', join(ctx.baselineDir, 'serverless-express.js'), ctx.baselineDir);
    }
    const m = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, median(v)]));
    const bytes = (d) => readFileSync(join(d, CACHE_FILE)).length;
    return { ...m(t), wall: m(wall), bytes: bytes(dir), rootBytes: bytes(rootDir), sameBytes: bytes(sameDir) };
  })();
  return ctx.compileCacheRuns;
}

export const vsBundle = {
  name: 'first HTTP answer, fresh process: compile cache ÷ same bundle without it',
  target: { op: '<=', value: 0.75 },
  async measure(ctx) {
    const r = await firstAnswers(ctx);
    return {
      value: r.cache / r.off,
      detail: `${r.cache.toFixed(1)} ms vs ${r.off.toFixed(1)} ms (cache made with no request through the app; cache off; no cache file: ${r.miss.toFixed(1)} ms) from process start to the answer; spawn to exit ${r.wall.cache.toFixed(1)} vs ${r.wall.off.toFixed(1)} ms = ${(r.wall.cache / r.wall.off).toFixed(3)}; cache ${(r.bytes / 1024).toFixed(0)} KiB; median of ${RUNS}`,
    };
  },
};

export const vsNodeModules = {
  name: 'first HTTP answer, fresh process: compile cache ÷ app from node_modules',
  target: { op: '<=', value: 0.7 },
  async measure(ctx) {
    const r = await firstAnswers(ctx);
    return {
      value: r.cache / r.modules,
      detail: `${r.cache.toFixed(1)} ms vs ${r.modules.toFixed(1)} ms from process start to the answer; spawn to exit ${r.wall.cache.toFixed(1)} vs ${r.wall.modules.toFixed(1)} ms = ${(r.wall.cache / r.wall.modules).toFixed(3)}; median of ${RUNS}`,
    };
  },
};

/** What a warm-up request adds to the cache's gain: the answer with a cache made after GET <route> ÷ one made with no request. */
function warmUpRow(key, path) {
  return {
    name: `first HTTP answer, fresh process: compile cache made with a warm-up request (GET ${path}) ÷ made without a request`,
    target: { op: 'report' },
    async measure(ctx) {
      const r = await firstAnswers(ctx);
      const gain = (x) => r.off - x;
      return {
        value: r[key] / r.cache,
        detail: `${r[key].toFixed(1)} ms vs ${r.cache.toFixed(1)} ms (cache off: ${r.off.toFixed(1)} ms; request ${MEASURED}); the cache saves ${gain(r[key]).toFixed(1)} ms with the warm-up vs ${gain(r.cache).toFixed(1)} ms without; cache ${(r[`${key}Bytes`] / 1024).toFixed(0)} vs ${(r.bytes / 1024).toFixed(0)} KiB; median of ${RUNS}`,
      };
    },
  };
}

export const warmUpRoot = warmUpRow('root', WARMUPS.root);
export const warmUpSame = warmUpRow('same', WARMUPS.same);

const COLD_RUNS = 9;

function startEmulator() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO, 'bin', 'zap.js'), 'emulator', '--port', '0', '--idle-ttl', '0.3'], { stdio: ['ignore', 'pipe', 'pipe'], env: coldEnv() });
    let out = '';
    const timer = setTimeout(() => reject(new Error('emulator did not start')), 20_000);
    child.stdout.on('data', (c) => {
      out += c;
      const m = /endpoint: (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ endpoint: m[1], child });
      }
    });
    child.on('exit', (code) => reject(new Error(`emulator exited ${code}`)));
  });
}

function deployCopy(endpoint, name, compileCache) {
  const dir = join(REPO, '.zap-bench', name);
  cpSync(SAMPLE_APP, dir, { recursive: true, filter: (src) => !src.includes(`${SAMPLE_APP}/.zap`) });
  const settings = JSON.parse(readFileSync(join(dir, 'zap.json'), 'utf8'));
  settings.dev = { ...settings.dev, project_name: name, keep_warm: false, compile_cache: compileCache };
  writeFileSync(join(dir, 'zap.json'), JSON.stringify(settings));
  const env = { ...process.env, AWS_ENDPOINT_URL: endpoint, AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
  execFileSync(process.execPath, [join(REPO, 'bin', 'zap.js'), 'deploy', 'dev', '--json'], { cwd: dir, env, encoding: 'utf8' });
  return `${name}-dev`;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A request to alias live once the function has no container left: Init Duration and the first Duration from its REPORT. */
async function coldStart(lambda, endpoint, fn) {
  const { InvokeCommand } = require('@aws-sdk/client-lambda');
  for (let i = 0; i < 100; i++) {
    const all = await (await fetch(`${endpoint}/_zap/containers`)).json();
    if (!all.some((c) => c.functionName === fn)) break;
    await sleep(100);
  }
  const event = require(EVENTS).functionUrlGet('/users/42', 'fields=name');
  const out = await lambda.send(new InvokeCommand({ FunctionName: fn, Qualifier: 'live', LogType: 'Tail', Payload: Buffer.from(JSON.stringify(event)) }));
  const tail = Buffer.from(out.LogResult ?? '', 'base64').toString('utf8');
  const init = /Init Duration: ([\d.]+) ms/.exec(tail);
  const duration = /\tDuration: ([\d.]+) ms/.exec(tail);
  if (!init || !duration) throw new Error(`no cold REPORT for ${fn}: ${tail.slice(-300)}`);
  return { init: Number(init[1]), first: Number(duration[1]) };
}

export const emulatorColdStart = {
  name: 'emulator cold start (Init Duration + first request): compile cache ÷ without',
  target: { op: 'report' },
  async measure() {
    const { endpoint, child } = await startEmulator();
    const tag = randomBytes(3).toString('hex');
    const { LambdaClient } = require('@aws-sdk/client-lambda');
    const lambda = new LambdaClient({ region: 'eu-west-1', endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    try {
      mkdirSync(join(REPO, '.zap-bench'), { recursive: true });
      const on = deployCopy(endpoint, `bcc${tag}`, true);
      const off = deployCopy(endpoint, `bnc${tag}`, false);
      const a = [];
      const b = [];
      for (let i = 0; i < COLD_RUNS; i++) {
        a.push(await coldStart(lambda, endpoint, on));
        b.push(await coldStart(lambda, endpoint, off));
      }
      const total = (xs) => median(xs.map((x) => x.init + x.first));
      const part = (xs, k) => median(xs.map((x) => x[k])).toFixed(1);
      return {
        value: total(a) / total(b),
        detail: `${total(a).toFixed(1)} ms vs ${total(b).toFixed(1)} ms; Init Duration ${part(a, 'init')} vs ${part(b, 'init')} ms (index.js only: the app loads on the first request), first request ${part(a, 'first')} vs ${part(b, 'first')} ms; median of ${COLD_RUNS}`,
      };
    } finally {
      lambda.destroy();
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      for (const name of [`bcc${tag}`, `bnc${tag}`]) rmSync(join(REPO, '.zap-bench', name), { recursive: true, force: true });
    }
  },
};
