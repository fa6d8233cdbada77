// Streaming (zap.json `streaming: true`, a RESPONSE_STREAM Function URL) against the buffered path,
// the same sample app deployed twice into the emulator: time to the first body byte, and events/s.
import { request } from 'node:http';
import { deployedSample } from '../emulator.mjs';

const RUNS = 7;
let stages;
const ready = () => (stages ??= (async () => ({ streamed: await deployedSample({ streaming: true, keep_warm: false }), buffered: await deployedSample({ keep_warm: false }) }))());

/** Milliseconds to the first body byte and to the end, for one GET. */
function timed(url) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let first;
    let bytes = 0;
    request(url, (res) => {
      res.on('data', (d) => {
        first ??= performance.now() - t0;
        bytes += d.length;
      });
      res.on('end', () => resolve({ first: first ?? performance.now() - t0, total: performance.now() - t0, bytes }));
      res.on('error', reject);
    }).on('error', reject).end();
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function medians(url) {
  await timed(url); // a warm container: start-up is another row's figure
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await timed(url));
  return { first: median(runs.map((r) => r.first)), total: median(runs.map((r) => r.total)) };
}

export const sseFirstByte = {
  name: 'emulator: first SSE event (5 events 200 ms apart), streaming vs buffered',
  target: { op: 'report', unit: 'ms' },
  async measure() {
    const { streamed, buffered } = await ready();
    const path = 'events?count=5&interval=200';
    const [s, b] = [await medians(`${streamed.url}${path}`), await medians(`${buffered.url}${path}`)];
    return { value: s.first, detail: `streaming ${s.first.toFixed(1)} ms vs buffered ${b.first.toFixed(1)} ms to the first byte; whole feed ${s.total.toFixed(0)} vs ${b.total.toFixed(0)} ms; median of ${RUNS}` };
  },
};

export const pageFirstByte = {
  name: 'emulator: time to first byte of GET /, streaming ÷ buffered',
  target: { op: 'report' },
  async measure() {
    const { streamed, buffered } = await ready();
    const [s, b] = [await medians(streamed.url), await medians(buffered.url)];
    return { value: s.first / b.first, detail: `${s.first.toFixed(1)} ms vs ${b.first.toFixed(1)} ms, warm, median of ${RUNS}` };
  },
};

export const eventsPerSecond = {
  name: 'emulator: SSE events/s through the URL (500 events, no pause), streaming vs buffered',
  target: { op: 'report', unit: 'count' },
  async measure() {
    const { streamed, buffered } = await ready();
    try {
      const path = 'events?count=500&interval=0';
      const [s, b] = [await medians(`${streamed.url}${path}`), await medians(`${buffered.url}${path}`)];
      const rate = (m) => 500 / (m.total / 1000);
      return { value: rate(s), detail: `streaming ${rate(s).toFixed(0)}/s vs buffered ${rate(b).toFixed(0)}/s (whole answer at once); median of ${RUNS}` };
    } finally {
      await Promise.all([streamed.close(), buffered.close()]);
    }
  },
};
