import { join } from 'node:path';
import { REPO, coldEnv, functionNode, median, timeProcess } from '../lib.mjs';

const HOST = new URL('../hosts/throughput.cjs', import.meta.url).pathname;
const PROCESSES = 3;
const DURATION_MS = 3000;

let measured;

/**
 * All three handlers in each of PROCESSES fresh processes; within a process, rounds of one batch
 * each (see hosts/throughput.cjs). A ratio per round, so bursts of load from elsewhere cancel out;
 * the figure is the median over every round of every process.
 */
async function measureAll(ctx) {
  if (measured) return measured;
  const files = {
    zap: join(ctx.taskDir, 'index.js'),
    se: join(ctx.baselineDir, 'serverless-express.js'),
    sh: join(ctx.baselineDir, 'serverless-http.js'),
  };
  const env = coldEnv({ NODE_PATH: join(REPO, 'node_modules') });
  const ratios = { se: [], sh: [] };
  const batchMs = { zap: [], se: [], sh: [] };
  let batch = 0;
  for (let p = 0; p < PROCESSES; p++) {
    const { out } = await timeProcess(functionNode(), [HOST, String(DURATION_MS), ...Object.values(files)], { env, cwd: ctx.taskDir });
    const r = JSON.parse(out);
    batch = r.batch;
    const ms = Object.fromEntries(Object.entries(files).map(([name, file]) => [name, r.ms[file]]));
    ms.zap.forEach((zapMs, i) => {
      ratios.se.push(ms.se[i] / zapMs);
      ratios.sh.push(ms.sh[i] / zapMs);
    });
    for (const name of Object.keys(batchMs)) batchMs[name].push(...ms[name]);
  }
  const eps = Object.fromEntries(Object.entries(batchMs).map(([name, list]) => [name, (batch * 1000) / median(list)]));
  measured = { eps, vsSe: median(ratios.se), vsSh: median(ratios.sh), rounds: ratios.se.length };
  return measured;
}

const detail = (m, other) => `${m.eps.zap.toFixed(0)} vs ${m.eps[other].toFixed(0)} events/s; median of ${m.rounds} interleaved rounds in ${PROCESSES} processes`;

export const vsServerlessExpress = {
  name: 'events/s: zap ÷ bare serverless-express',
  target: { op: '>=', value: 0.95 },
  async measure(ctx) {
    const m = await measureAll(ctx);
    return { value: m.vsSe, detail: detail(m, 'se') };
  },
};

export const vsServerlessHttp = {
  name: 'events/s: zap ÷ serverless-http',
  target: { op: '>=', value: 1.0 },
  async measure(ctx) {
    const m = await measureAll(ctx);
    return { value: m.vsSh, detail: detail(m, 'sh') };
  },
};
