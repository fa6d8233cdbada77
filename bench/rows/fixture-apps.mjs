// Real apps from test/fixtures/apps (views, static files, Express 4), deployed unchanged: zap's first
// answer (compile cache included) against the same app from node_modules behind bare
// serverless-express, its warm ping against an empty handler, and its zip beside its bundle.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { REPO, coldEnv, functionNode, median, timeProcess, unzip } from '../lib.mjs';
import { addCompileCache } from '../compile-cache-maker.mjs';

const FIRST = new URL('../hosts/first-answer.cjs', import.meta.url).pathname;
const COLD = new URL('../hosts/cold.cjs', import.meta.url).pathname;
const RUNS = 15;
const ZAP = join(REPO, 'bin', 'zap.js');

/** Each app as its author wrote it: the module that exports the app (for the baseline) and a page that renders a view. */
export const FIXTURES = [
  { name: 'generator-ejs', module: 'app.js', path: '/' },
  { name: 'examples-mvc', module: 'index.js', path: '/users' },
];

/** `zap init` and `zap package` on a copy inside the repository (imports resolve as in place), unzipped with a compile cache. */
async function prepare(ctx, fixture) {
  const dir = join(REPO, 'zap-test-apps', `bench-${fixture.name}-${randomBytes(3).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  cpSync(join(REPO, 'test', 'fixtures', 'apps', fixture.name), dir, { recursive: true });
  try {
    execFileSync(process.execPath, [ZAP, 'init', '--region', 'eu-west-1'], { cwd: dir, stdio: 'ignore' });
    const out = join(ctx.work, `fixture-${fixture.name}`);
    const packaged = JSON.parse(execFileSync(process.execPath, [ZAP, 'package', 'dev', '--json', '--out', out], { cwd: dir, encoding: 'utf8' }));
    const taskDir = join(out, 'task');
    await unzip(packaged.artifact, taskDir);
    addCompileCache(taskDir);
    writeFileSync(join(dir, 'bench-handler.js'), `const se = require('@codegenie/serverless-express');\nexports.handler = se({ app: require('./${fixture.module}') });\n`);
    return { dir, taskDir, packaged };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** Interleaved fresh processes: zap's first answer, the node_modules baseline's, zap's warm ping, an empty handler's. */
async function measureFixture(ctx, fixture) {
  const p = await prepare(ctx, fixture);
  try {
    const node = functionNode();
    const env = coldEnv({ NODE_PATH: join(REPO, 'node_modules'), NODE_ENV: 'production' });
    const t = { zap: [], modules: [], warm: [], empty: [] };
    const answerAt = async (key, file, cwd) => {
      const r = await timeProcess(node, [FIRST, file, fixture.path], { env, cwd });
      t[key].push(Number(/first-answer-ms ([\d.]+)/.exec(r.out)[1]));
    };
    const wall = async (key, file, cwd) => t[key].push((await timeProcess(node, [COLD, file, 'warm'], { env: { ...env, ZAP_KEEP_WARM_PRIME: 'false' }, cwd })).ms);
    for (let i = 0; i < RUNS; i++) {
      await answerAt('zap', join(p.taskDir, 'index.js'), p.taskDir);
      await answerAt('modules', join(p.dir, 'bench-handler.js'), p.dir);
      await wall('warm', join(p.taskDir, 'index.js'), p.taskDir);
      await wall('empty', join(ctx.baselineDir, 'empty.js'), ctx.baselineDir);
    }
    const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, median(v)]));
    return { ...m, zip: p.packaged.bytes, bundle: p.packaged.bundle.bytes };
  } finally {
    rmSync(p.dir, { recursive: true, force: true });
  }
}

function measured(ctx, fixture) {
  ctx.fixtureRuns ??= {};
  ctx.fixtureRuns[fixture.name] ??= measureFixture(ctx, fixture);
  return ctx.fixtureRuns[fixture.name];
}

const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;

export const fixtureRows = FIXTURES.flatMap((fixture) => [
  {
    name: `fixture ${fixture.name}: first HTTP answer (GET ${fixture.path}) ÷ the app from node_modules`,
    target: { op: '<=', value: 0.6 },
    async measure(ctx) {
      const r = await measured(ctx, fixture);
      return { value: r.zap / r.modules, detail: `${r.zap.toFixed(1)} ms vs ${r.modules.toFixed(1)} ms from process start to the answer, compile cache in; median of ${RUNS}` };
    },
  },
  {
    name: `fixture ${fixture.name}: warm-ping cold answer ÷ empty handler`,
    target: { op: '<=', value: 1.05 },
    async measure(ctx) {
      const r = await measured(ctx, fixture);
      return { value: r.warm / r.empty, detail: `${r.warm.toFixed(1)} ms vs ${r.empty.toFixed(1)} ms, spawn to exit; zip ${kb(r.zip)} beside a ${kb(r.bundle)} bundle` };
    },
  },
]);
