import { importSource } from '../emulator.mjs';

let figures;
async function measureOnce() {
  const { measureContainerFigures } = await importSource('src/emulator/container/measure.ts');
  return (figures ??= await measureContainerFigures({ runtime: 'nodejs24.x', samples: 7 }));
}

/** An emulator container's cold start (spawn → first answer of a trivial function) against a bare `node -e 0`. */
export const containerColdStart = {
  name: 'emulator: container cold start ÷ bare node start',
  target: { op: 'report' },
  async measure() {
    const f = await measureOnce();
    return { value: f.coldStartMs / f.bareNodeStartMs, detail: `${f.coldStartMs.toFixed(1)} ms vs ${f.bareNodeStartMs.toFixed(1)} ms, Init Duration ${f.initDurationMs.toFixed(1)} ms, medians of 7` };
  },
};

/** Sequential invocations through the Runtime API on one warm container. */
export const runtimeApiThroughput = {
  name: 'emulator: invocations/s through the Runtime API, one container',
  target: { op: 'report', unit: 'count' },
  async measure() {
    const f = await measureOnce();
    return { value: f.invocationsPerSecond, detail: `${f.warmInvokeMs.toFixed(2)} ms per invocation, trivial function` };
  },
};
