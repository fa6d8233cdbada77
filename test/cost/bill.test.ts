// The keep-warm bill and per-request prices against sums worked by hand (730-hour month, AWS list prices).
import { invocationUsd, keepWarmBill, perMillionUsd, provisionedUsd, usd } from '../../src/cost/bill';
import { keepWarmCost } from '../../src/cost/keep-warm';
import { pricesFor } from '../../src/cost/prices';

const arm = pricesFor('arm64', 'eu-west-1').prices;
const x86 = pricesFor('x86_64', 'us-east-1').prices;

test('keep_warm 2 every 5 minutes at 512 MB arm64, 230 ms billed per warm invocation', () => {
  const b = keepWarmBill({ containers: 2, periodMs: 5 * 60_000, memoryMb: 512, billedMs: 230, billedFrom: 'logs', prices: arm });
  // 730 h × 3600 s = 2,628,000 s a month; / 300 s = 8,760 ticks; × 2 = 17,520 invocations.
  expect(b.ticks_per_month).toBe(8760);
  expect(b.invocations_per_month).toBe(17520);
  // 17,520 × 0.230 s × 0.5 GB = 2,014.8 GB-s; × $0.0000133334 = $0.026864…
  expect(b.gb_seconds_per_month).toBeCloseTo(2014.8, 6);
  expect(b.duration_usd).toBeCloseTo(0.02686414, 7);
  // 17,520 requests × $0.20 / 1M = $0.003504
  expect(b.requests_usd).toBeCloseTo(0.003504, 9);
  expect(b.usd).toBeCloseTo(0.03036814, 7);
  // Provisioned concurrency for 2: 2 × 0.5 GB × 2,628,000 s × $0.0000033334 = $8.7601752
  expect(b.provisioned_usd).toBeCloseTo(8.7601752, 6);
});

test('x86_64 list prices, one invocation and a million', () => {
  expect(x86).toEqual({ gb_second: 0.0000166667, request_per_million: 0.2, provisioned_gb_second: 0.0000041667, provisioned_duration_gb_second: 0.0000097222 });
  // 100 ms at 1024 MB = 0.1 GB-s × $0.0000166667 = $0.00000166667, + $0.0000002 for the request.
  expect(invocationUsd(100, 1024, x86)).toBeCloseTo(0.00000186667, 12);
  expect(perMillionUsd(100, 1024, x86)).toBeCloseTo(1.86667, 5);
  // One 1769 MB environment kept ready for a month: 1.7275390625 GB × 2,628,000 s = 4,539,972.66 GB-s × $0.0000041667 = $18.91670
  expect(provisionedUsd(1, 1769, x86)).toBeCloseTo(18.9167, 4);
});

test('a region that costs more, and zap.json overrides, are said in the source line', () => {
  expect(pricesFor('x86_64', 'af-south-1').prices.gb_second).toBe(0.0000221);
  expect(pricesFor('x86_64', 'af-south-1').source).toMatch(/^AWS list prices for x86_64 in af-south-1, https:\/\/aws\.amazon\.com\/lambda\/pricing\//);
  const own = pricesFor('arm64', 'eu-west-1', { gb_second: 0.00001 });
  expect(own.prices).toMatchObject({ gb_second: 0.00001, request_per_million: 0.2 });
  expect(own.source).toMatch(/^zap\.json prices \(gb_second\) over AWS list prices for arm64/);
});

test('no logs: the estimate is used and said; keep-warm off or a cron without a period gives no bill', () => {
  const est = keepWarmCost({ containers: 1, periodMs: 300_000, memoryMb: 1024, architecture: 'arm64', region: 'eu-west-1' });
  // 8,760 × 0.005 s × 1 GB × $0.0000133334 = $0.000584 + 8,760 × $0.2/1M = $0.001752 → $0.002336
  expect(est.bill).toMatchObject({ billed_from: 'estimate', billed_ms_per_invocation: 5 });
  expect(est.bill!.usd).toBeCloseTo(0.00233603, 7);
  expect(keepWarmCost({ containers: 0, periodMs: 300_000, memoryMb: 512, architecture: 'arm64', region: 'x' }).bill).toBeNull();
  expect(keepWarmCost({ containers: 2, periodMs: undefined, memoryMb: 512, architecture: 'arm64', region: 'x' }).why_none).toMatch(/no fixed period/);
});

test('dollars are printed with enough digits to tell small sums apart', () => {
  expect([usd(0.03036814), usd(8.7601752), usd(0), usd(1234.5), usd(0.000584)]).toEqual(['$0.0304', '$8.76', '$0', '$1,235', '$0.000584']);
});
