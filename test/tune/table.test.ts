// The tune table's arithmetic on samples written out by hand, and the values worked by hand beside them.
import { pricesFor } from '../../src/cost/prices';
import type { Sample } from '../../src/tune/invoke-timed';
import type { SizeSamples } from '../../src/tune/measure-size';
import { parseMemory, parseRequest } from '../../src/tune/options';
import { recommend, tuneRow, type TableContext } from '../../src/tune/table';
import { chart } from '../../src/tune/format';

const x86 = pricesFor('x86_64', 'us-east-1').prices;
const ctx: TableContext = { prices: x86, keepWarm: { containers: 1, periodMs: 5 * 60_000 }, timeoutSeconds: 30 };

const warm = (durations: number[]): Sample[] => durations.map((d) => ({ wall_ms: d + 20, duration_ms: d, billed_ms: Math.ceil(d) }));

/** 1024 MB: three cold starts, twenty warm requests of 1..20 ms, a 3 ms keep-warm ping. */
const size1024: SizeSamples = {
  memory_mb: 1024,
  cold: [
    { wall_ms: 900, duration_ms: 50, billed_ms: 50, init_ms: 700 },
    { wall_ms: 1100, duration_ms: 60, billed_ms: 60, init_ms: 800 },
    { wall_ms: 1000, duration_ms: 55, billed_ms: 55, init_ms: 750 },
  ],
  warm: warm(Array.from({ length: 20 }, (_, i) => i + 1)),
  keep_warm_ping: { wall_ms: 25, duration_ms: 2.5, billed_ms: 3 },
};

test('one size: medians, nearest-rank p95, billed mean, $ per 1M and keep-warm per month', () => {
  const row = tuneRow(size1024, ctx);
  expect(row.init_ms).toEqual({ p50: 750, max: 800 });
  expect(row.first_answer_ms).toEqual({ p50: 1000, max: 1100 });
  // 20 warm durations 1..20 ms: p50 = sorted[ceil(0.5 × 20) − 1] = 10, p95 = sorted[ceil(0.95 × 20) − 1] = 19.
  expect(row.warm_ms).toEqual({ p50: 10, p95: 19 });
  // Mean billed: (1 + … + 20) / 20 = 10.5 ms.
  expect(row.billed_ms).toBe(10.5);
  // 1M × (0.0105 s × 1 GB × $0.0000166667 + $0.0000002) = $0.175 + $0.2 = $0.37500035
  expect(row.usd_per_million).toBeCloseTo(0.37500035, 8);
  // keep_warm 1, every 5 min: 8,760 pings × 0.003 s × 1 GB × $0.0000166667 = $0.000438 + 8,760 × $0.2/1M = $0.001752 → $0.00219
  expect(row.keep_warm_billed_ms).toBe(3);
  expect(row.keep_warm_usd_month).toBeCloseTo(0.00219000, 7);
  expect(row).toMatchObject({ over_api_gateway: false, over_timeout: false, errors: [] });
});

test('more than one container: each warm invocation bills at least the followers\' first hold (500 ms + 5 ms per container)', () => {
  const row = tuneRow(size1024, { ...ctx, keepWarm: { containers: 3, periodMs: 5 * 60_000 } });
  // 8,760 × 3 × 0.515 s × 1 GB × $0.0000166667 = $0.225570 + 26,280 × $0.2/1M = $0.005256 → $0.230826
  expect(row.keep_warm_billed_ms).toBe(515);
  expect(row.keep_warm_usd_month).toBeCloseTo(0.230826, 5);
});

test('a cold start past 30 s is marked; one past the timeout fails; the recommendation skips both', () => {
  const slow: SizeSamples = { memory_mb: 128, cold: [{ wall_ms: 33_000, duration_ms: 200, billed_ms: 200, init_ms: 32_700 }], warm: warm([30, 40]), keep_warm_ping: { wall_ms: 30, duration_ms: 5, billed_ms: 5 } };
  const dead: SizeSamples = { memory_mb: 256, cold: [{ wall_ms: 30_100, duration_ms: 30_000, billed_ms: 30_000, error: 'Status: timeout' }], warm: [] };
  const rows = [tuneRow(slow, { ...ctx, timeoutSeconds: 60 }), tuneRow(dead, ctx), tuneRow(size1024, ctx)];
  expect(rows[0]).toMatchObject({ over_api_gateway: true, over_timeout: false });
  expect(rows[1]).toMatchObject({ over_timeout: true, errors: ['Status: timeout'], usd_per_million: null, keep_warm_usd_month: null });
  expect(recommend(rows).memory_mb).toBe(1024);
});

test('the recommendation: cheapest per request within the p95 goal, or why none', () => {
  const fast = tuneRow({ ...size1024, memory_mb: 2048 }, ctx);
  const cheap = tuneRow({ ...size1024, memory_mb: 512, warm: warm([30, 30, 30, 60]) }, ctx);
  // 512 MB: mean billed 37.5 ms × 0.5 GB = 18,750 GB-s per 1M × $0.0000166667 = $0.31250063 + $0.2; 2048 MB: 10.5 ms × 2 GB → $0.35 + $0.2 = $0.55.
  expect(cheap.usd_per_million).toBeCloseTo(0.51250063, 7);
  expect(fast.usd_per_million).toBeCloseTo(0.5500007, 6);
  expect(recommend([cheap, fast])).toMatchObject({ memory_mb: 512 });
  expect(recommend([cheap, fast], 20)).toEqual({ memory_mb: 2048, why: 'the cheapest per request with warm p95 ≤ 20 ms' });
  expect(recommend([cheap, fast], 5)).toEqual({ memory_mb: null, why: 'no size meets warm p95 ≤ 5 ms; the fastest was 2048 MB at 19 ms' });
});

test('the terminal chart scales each bar to the largest value', () => {
  const lines = chart([tuneRow({ ...size1024, memory_mb: 128, cold: [{ wall_ms: 2000, duration_ms: 1, billed_ms: 1 }] }, ctx), tuneRow(size1024, ctx)]);
  expect(lines[1]).toMatch(/^128 MB  █{28}\s+2000 ms/);
  expect(lines[2]).toMatch(/^1024 MB █{14} {14}\s+1000 ms/);
});

test('flags: memory sizes and requests, or a one-line fix', () => {
  expect(parseMemory('1024, 128,512,128')).toEqual([128, 512, 1024]);
  expect(() => parseMemory('64,512')).toThrow('--memory 64,512: expected whole numbers of MB from 128 to 10240, separated by commas, e.g. --memory 128,512,1024 (not: 64)');
  expect(parseRequest('/about')).toEqual({ method: 'GET', path: '/about' });
  expect(parseRequest('post /orders')).toEqual({ method: 'POST', path: '/orders' });
  expect(() => parseRequest('about')).toThrow(/--path "about": expected a path such as \/about/);
});
