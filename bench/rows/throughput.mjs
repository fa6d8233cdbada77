import { join } from 'node:path';
import { REPO, coldEnv, functionNode, median, timeProcess } from '../lib.mjs';

const HOST = new URL('../hosts/throughput.cjs', import.meta.url).pathname;
const ROUNDS = 5;
const DURATION_MS = 2500;

let measured;

/**
 * All three handlers in each of ROUNDS fresh processes, batches interleaved (see hosts/throughput.cjs);
 * a ratio per process, then the median ratio and the median events/s of each handler.
 */
async function measureAll(ctx) {
  if (measured) return measured;
  const files = {
    zap: join(ctx.taskDir, 'index.js'),
    'serverless-express': join(ctx.baselineDir, 'serverless-express.js'),
    'serverless-http': join(ctx.baselineDir, 'serverless-http.js'),
  };
  const env = coldEnv({ NODE_PATH: join(REPO, 'node_modules') });
  const runs = [];
  for (let round = 0; round < ROUNDS; round++) {
    const { out } = await timeProcess(functionNode(), [HOST, String(DURATION_MS), ...Object.values(files)], { env, cwd: ctx.taskDir });
    const eps = JSON.parse(out).eps;
    runs.push(Object.fromEntries(Object.entries(files).map(([name, file]) => [name, eps[file]])));
  }
  const med = (f) => median(runs.map(f));
  measured = {
    eps: { zap: med((r) => r.zap), se: med((r) => r['serverless-express']), sh: med((r) => r['serverless-http']) },
    vsSe: med((r) => r.zap / r['serverless-express']),
    vsSh: med((r) => r.zap / r['serverless-http']),
  };
  return measured;
}

const detail = (m, other) => `${m.eps.zap.toFixed(0)} vs ${m.eps[other].toFixed(0)} events/s, interleaved in one process, median of ${ROUNDS} × ${DURATION_MS} ms`;

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
