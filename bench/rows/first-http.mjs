import { join } from 'node:path';
import { REPO, coldEnv, functionNode, medianPair, timeProcess } from '../lib.mjs';

const HOST = new URL('../hosts/cold.cjs', import.meta.url).pathname;
const RUNS = 15;

/** The first HTTP answer of a fresh process: zap's bundle vs the same app loaded file by file from node_modules. */
export default {
  name: 'first HTTP answer, fresh process: bundled ÷ node_modules',
  target: { op: 'report' },
  async measure(ctx) {
    const node = functionNode();
    const env = coldEnv({ NODE_PATH: join(REPO, 'node_modules') });
    const { a, b } = await medianPair(
      RUNS,
      async () => (await timeProcess(node, [HOST, join(ctx.taskDir, 'index.js'), 'http'], { env, cwd: ctx.taskDir })).ms,
      async () => (await timeProcess(node, [HOST, join(ctx.baselineDir, 'serverless-express.js'), 'http'], { env, cwd: ctx.baselineDir })).ms,
    );
    return { value: a / b, detail: `${a.toFixed(1)} ms vs ${b.toFixed(1)} ms, spawn to exit, median of ${RUNS}` };
  },
};
