import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, SAMPLE_APP, median, tempDir, timeProcess } from '../lib.mjs';

const RUNS = 3;

/**
 * `zap package dev` on the sample app, as a user runs it: CLI start to exit, boot check included,
 * built from scratch each time (`--no-package-cache`); then once more with the cache, which reuses it.
 */
export default {
  name: 'zap package wall time, sample app',
  target: { op: '<=', value: 1000, unit: 'ms' },
  async measure() {
    const out = tempDir('pkgtime');
    const times = [];
    const zap = [join(REPO, 'bin', 'zap.js'), 'package', 'dev', '--out', out];
    let reused = NaN;
    try {
      for (let i = 0; i < RUNS; i++) {
        const { ms } = await timeProcess(process.execPath, [...zap, '--no-package-cache'], { cwd: SAMPLE_APP });
        times.push(ms);
      }
      reused = (await timeProcess(process.execPath, zap, { cwd: SAMPLE_APP })).ms;
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    return { value: median(times), detail: `built: median of ${RUNS}: ${times.map((t) => t.toFixed(0)).join(', ')} ms; inputs unchanged, reused: ${reused.toFixed(0)} ms` };
  },
};
