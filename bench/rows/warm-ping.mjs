import { join } from 'node:path';
import { coldEnv, functionNode, medianPair, timeProcess } from '../lib.mjs';

const HOST = new URL('../hosts/cold.cjs', import.meta.url).pathname;
const RUNS = 31;

/** A keep-warm ping to a fresh process (priming off) costs what an empty handler costs: index.js stays tiny. */
export default {
  name: 'warm-ping cold answer ÷ empty handler',
  target: { op: '<=', value: 1.1 },
  async measure(ctx) {
    const node = functionNode();
    const env = coldEnv({ ZAP_KEEP_WARM_PRIME: 'false' });
    const { a, b } = await medianPair(
      RUNS,
      async () => (await timeProcess(node, [HOST, join(ctx.taskDir, 'index.js'), 'warm'], { env, cwd: ctx.taskDir })).ms,
      async () => (await timeProcess(node, [HOST, join(ctx.baselineDir, 'empty.js'), 'warm'], { env, cwd: ctx.baselineDir })).ms,
    );
    return { value: a / b, detail: `${a.toFixed(1)} ms vs ${b.toFixed(1)} ms, spawn to exit, median of ${RUNS}` };
  },
};
