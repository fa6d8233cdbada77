import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, SAMPLE_APP, median, tempDir, timeProcess } from '../lib.mjs';

const RUNS = 3;

/** `zap package dev` on the sample app, as a user runs it: CLI start to exit, boot check included. */
export default {
  name: 'zap package wall time, sample app',
  target: { op: '<=', value: 1000, unit: 'ms' },
  async measure() {
    const out = tempDir('pkgtime');
    const times = [];
    try {
      for (let i = 0; i < RUNS; i++) {
        const { ms } = await timeProcess(process.execPath, [join(REPO, 'bin', 'zap.js'), 'package', 'dev', '--out', out], { cwd: SAMPLE_APP });
        times.push(ms);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    return { value: median(times), detail: `median of ${RUNS}: ${times.map((t) => t.toFixed(0)).join(', ')} ms` };
  },
};
