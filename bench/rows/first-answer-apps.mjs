// For the sample app and real apps with views: zap's first HTTP answer of a fresh process against
// an empty handler's (the floor) and against the same app from node_modules; its warm ping against
// an empty handler's; each cold-start lever with and without; and where the first answer's CPU time
// went (a --cpu-prof profile, attributed by bench/profile-attribution.mjs). Medians of interleaved
// fresh processes on the function's Node.
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { coldEnv, functionNode, median, tempDir, timeProcess } from '../lib.mjs';
import { APPS, bundleFile, emptyHttpHandler, prepareApp } from '../apps.mjs';
import { attribute, bundleLineMap, summarise } from '../profile-attribution.mjs';

const FIRST = new URL('../hosts/first-answer.cjs', import.meta.url).pathname;
const COLD = new URL('../hosts/cold.cjs', import.meta.url).pathname;
const RUNS = Number(process.env.ZAP_BENCH_RUNS ?? 11);
const PROFILES = 5;

/**
 * The levers, each switched by the setting or variable a user sets (docs: README "Benchmark"): the row
 * prints the first answer with it ÷ without it. `dir` picks the artifact copy the lever needs.
 */
export const LEVERS = [
  { key: 'cache', label: 'compile cache (zap.json compile_cache)', off: { ZAP_COMPILE_CACHE: 'off' } },
  { key: 'eager', label: 'compile cache of every function (ZAP_COMPILE_CACHE_EAGER=on) ÷ of what booting compiled', dir: 'eagerDir', on: () => ({ ZAP_COMPILE_CACHE_EAGER: 'on' }), vs: 'zap' },
  { key: 'engines', label: 'view engine bundled ÷ shipped unbundled (zap.json bundle_view_engines: false)', dir: 'enginesDir', off: {} },
  { key: 'onecopy', label: 'bundle read with one copy of its source (ZAP_ONE_COPY_LOAD)', off: { ZAP_ONE_COPY_LOAD: 'off' } },
  { key: 'json', label: 'JSON files as JSON.parse ÷ as object literals (zap.json json_parse: false)', dir: 'jsonLiteralDir', off: {} },
  { key: 'warmup', label: 'compile cache made after a warm-up GET of the page (compile_cache_warmup_path) ÷ made with no request', dir: 'warmDir', on: (app) => ({ ZAP_COMPILE_CACHE_WARMUP_PATH: app.path }), vs: 'zap' },
];

function cpuMs(out) {
  const m = /first-answer-cpu-ms ([\d.]+)/.exec(out);
  return m ? Number(m[1]) : NaN;
}

function firstAnswerMs(out) {
  const m = /first-answer-ms ([\d.]+)/.exec(out);
  if (!m) throw new Error(`no first-answer time in: ${out.slice(-200)}`);
  return Number(m[1]);
}

async function profileParts(node, env, p, app) {
  const dir = tempDir('prof');
  try {
    const bundle = bundleFile(p.taskDir);
    const bundles = { [`file://${bundle}`]: bundleLineMap(readFileSync(bundle, 'utf8')) };
    const runs = [];
    for (let i = 0; i < PROFILES; i++) {
      const at = join(dir, String(i));
      const r = await timeProcess(node, ['--cpu-prof', `--cpu-prof-dir=${at}`, '--cpu-prof-interval=200', FIRST, join(p.taskDir, 'index.js'), app.path], { env, cwd: p.taskDir });
      const profile = JSON.parse(readFileSync(join(at, readdirSync(at)[0]), 'utf8'));
      const { parts } = attribute(profile, { runtime: `${p.taskDir}/index.js`, bundles, host: '/bench/hosts/' });
      // The profiler starts once Node has bootstrapped; what came before is Node's start.
      parts['Node start (before the profiler)'] = Math.max(0, firstAnswerMs(r.out) - (profile.endTime - profile.startTime) / 1000);
      runs.push(parts);
    }
    const names = new Set(runs.flatMap((r) => Object.keys(r)));
    return Object.fromEntries([...names].map((n) => [n, median(runs.map((r) => r[n] ?? 0))]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measureApp(ctx, app) {
  const p = await prepareApp(ctx.work, app);
  try {
    const node = functionNode();
    const env = coldEnv({ NODE_ENV: 'production' });
    const empty = emptyHttpHandler(ctx.baselineDir);
    const t = { zap: [], modules: [], empty: [], warm: [], emptyWall: [] };
    const cpu = {};
    const answer = async (key, file, cwd, extra = {}) => {
      const { out } = await timeProcess(node, [FIRST, file, app.path], { env: { ...env, ...extra }, cwd });
      (t[key] ??= []).push(firstAnswerMs(out));
      (cpu[key] ??= []).push(cpuMs(out));
    };
    const wall = async (key, file, cwd) => t[key].push((await timeProcess(node, [COLD, file, 'warm'], { env: { ...env, ZAP_KEEP_WARM_PRIME: 'false' }, cwd })).ms);
    for (let i = 0; i < RUNS; i++) {
      await answer('zap', join(p.taskDir, 'index.js'), p.taskDir);
      for (const lever of LEVERS) {
        const dir = p[lever.dir ?? 'taskDir'];
        if (lever.off) await answer(`${lever.key}:off`, join(dir, 'index.js'), dir, lever.off);
        if (lever.on) await answer(`${lever.key}:on`, join(dir, 'index.js'), dir, lever.on(app));
      }
      // zap's default again, after the levers: each lever's run sits between two of it (see leverRow).
      await answer('zapAfter', join(p.taskDir, 'index.js'), p.taskDir);
      await answer('modules', p.baseline, p.dir);
      await answer('empty', empty, ctx.baselineDir);
      await wall('warm', join(p.taskDir, 'index.js'), p.taskDir);
      await wall('emptyWall', join(ctx.baselineDir, 'empty.js'), ctx.baselineDir);
    }
    const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, median(v)]));
    const cpuMedians = Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, median(v)]));
    return { ...m, cpu: cpuMedians, runs: { wall: t, cpu }, parts: await profileParts(node, env, p, app), zip: p.packaged.bytes };
  } finally {
    p.cleanup();
  }
}

function measured(ctx, app) {
  ctx.appRuns ??= {};
  ctx.appRuns[app.name] ??= measureApp(ctx, app);
  return ctx.appRuns[app.name];
}

const ms = (n) => `${n.toFixed(1)} ms`;

function leverRow(app, lever) {
  return {
    name: `${app.name}: first HTTP answer, ${lever.label}${lever.label.includes('÷') ? '' : ' ÷ without'}`,
    target: { op: 'report' },
    async measure(ctx) {
      const r = await measured(ctx, app);
      const keys = [lever.on ? `${lever.key}:on` : 'zap', lever.vs ?? `${lever.key}:off`];
      const [withIt, without] = keys.map((k) => r[k]);
      const [cpuWith, cpuWithout] = keys.map((k) => r.cpu[k]);
      // The median of the rounds' ratios cancels load that drifts between rounds; within a round,
      // zap's default ran before and after the levers, and their mean cancels a drift across the round
      // (measured: the same artifact ran 6% faster third in a round than first).
      const side = (runs, k) => (k === 'zap' ? runs.zap.map((v, i) => (v + runs.zapAfter[i]) / 2) : runs[k]);
      const paired = (runs) => {
        const [a, b] = keys.map((k) => side(runs, k));
        return median(a.map((v, i) => v / b[i]));
      };
      return {
        value: paired(r.runs.wall),
        detail: `paired rounds: wall ${paired(r.runs.wall).toFixed(3)}, CPU ${paired(r.runs.cpu).toFixed(3)}; medians ${ms(withIt)} vs ${ms(without)} = ${(withIt / without).toFixed(3)}, CPU time ${ms(cpuWith)} vs ${ms(cpuWithout)} = ${(cpuWith / cpuWithout).toFixed(3)}; ${RUNS} rounds`,
      };
    },
  };
}

export const appRows = APPS.flatMap((app) => [
  {
    name: `${app.name}: first HTTP answer (GET ${app.path}) ÷ empty handler`,
    target: { op: '<=', value: 1.5 },
    async measure(ctx) {
      const r = await measured(ctx, app);
      return { value: r.zap / r.empty, detail: `${ms(r.zap)} vs ${ms(r.empty)} from process start to the answer, compile cache in; CPU time ${ms(r.cpu.zap)} vs ${ms(r.cpu.empty)} = ${(r.cpu.zap / r.cpu.empty).toFixed(3)}; median of ${RUNS}` };
    },
  },
  {
    name: `${app.name}: first HTTP answer ÷ the app from node_modules`,
    target: { op: '<=', value: 0.6 },
    async measure(ctx) {
      const r = await measured(ctx, app);
      return { value: r.zap / r.modules, detail: `${ms(r.zap)} vs ${ms(r.modules)} (bare serverless-express); CPU time ${ms(r.cpu.zap)} vs ${ms(r.cpu.modules)} = ${(r.cpu.zap / r.cpu.modules).toFixed(3)}; median of ${RUNS}` };
    },
  },
  {
    name: `${app.name}: warm-ping cold answer ÷ empty handler`,
    target: { op: '<=', value: 1.05 },
    async measure(ctx) {
      const r = await measured(ctx, app);
      return { value: r.warm / r.emptyWall, detail: `${ms(r.warm)} vs ${ms(r.emptyWall)}, spawn to exit; zip ${(r.zip / 1024).toFixed(0)} KiB; median of ${RUNS}` };
    },
  },
  ...LEVERS.map((lever) => leverRow(app, lever)),
  {
    name: `${app.name}: first answer's CPU time by part (--cpu-prof, self time, ms)`,
    target: { op: 'report', unit: 'ms' },
    async measure(ctx) {
      const r = await measured(ctx, app);
      const parts = summarise(r.parts, { keepPackagesAboveMs: 3 });
      const total = parts.reduce((a, [, v]) => a + v, 0);
      return { value: total, detail: parts.map(([k, v]) => `${k} ${v.toFixed(1)}`).join('; ') + `; median of ${PROFILES} profiled runs` };
    },
  },
]);
