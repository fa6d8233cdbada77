import pc from 'picocolors';
import { figures } from '../../src/observe/figures';
import { keepWarmStatus } from '../../src/observe/keep-warm-status';
import { formatStatus } from '../../src/observe/status-format';
import type { StatusReport } from '../../src/observe/status';
import { keepWarmCost } from '../../src/cost/keep-warm';
import { follower, invocation, leader, uuid } from './fixtures';

const MIN = 60_000;

describe('figures', () => {
  const events = [
    // Before the window: a tick and a cold user request, neither counted.
    ...invocation({ id: uuid(1), at: 0, initMs: 500, warm: leader(2, 1) }),
    ...invocation({ id: uuid(2), at: 10, initMs: 400 }),
    // In the window (since = 1000): a tick that started two cold containers, one whose leader line
    // is just before the window, and user traffic.
    ...invocation({ id: uuid(3), at: 997, initMs: 100, warm: leader(2, 2, { cold_containers: 2 }) }),
    ...invocation({ id: uuid(4), at: 1000, initMs: 110, warm: follower(uuid(3)) }),
    ...invocation({ id: uuid(5), at: 2000, initMs: 300 }),
    ...invocation({ id: uuid(6), at: 3000 }),
    ...invocation({ id: uuid(7), at: 4000 }),
    ...invocation({ id: uuid(8), at: 5000, initMs: 200, status: 'timeout' }),
    ...invocation({ id: uuid(9), at: 6000, warm: leader(2, 1, { errors: [{ index: 1, error: 'TooManyRequestsException: Rate Exceeded.' }], hold_ms: 412 }) }),
  ];

  it('counts user-facing cold starts apart from keep-warm invocations', () => {
    const f = figures(events, 1000);
    expect(f.coldStarts).toEqual({ invocations: 4, cold: 2, rate: 0.5, p50_ms: 200, p95_ms: 300, max_ms: 300, failed: 1 });
    // uuid(3)'s REPORT falls in the window, its warm line just before: still a warm invocation.
    expect(f.warm).toEqual({ ticks: 1, invocations: 3, cold: 2, billed_ms: 39 }); // 3 × "Billed Duration: 13 ms"
  });

  it('the last tick is the newest leader summary, with its throttles and the hold it sent', () => {
    expect(figures(events, 1000).lastTick).toMatchObject({ asked: 2, held: 1, cold: 0, errors: 1, throttles: 1, timestamp: 6001, hold_ms: 412 });
    expect(figures(events, 1000).lastTick?.error_messages).toEqual(['TooManyRequestsException: Rate Exceeded.']);
  });

  it('no lines: zeros and nulls, no tick', () => {
    const f = figures([], 0);
    expect(f.coldStarts).toEqual({ invocations: 0, cold: 0, rate: null, p50_ms: null, p95_ms: null, max_ms: null, failed: 0 });
    expect(f.lastTick).toBeUndefined();
  });
});

describe('keepWarmStatus', () => {
  const now = 100 * MIN;
  const rule = { scheduleExpression: 'rate(5 minutes)', state: 'ENABLED', concurrency: 3 };
  const window = { ticks: 1, invocations: 3, cold: 0, billed_ms: 39 };
  const tick = (ageMin: number, held = 3) => ({ time: new Date(now - ageMin * MIN).toISOString(), timestamp: now - ageMin * MIN, asked: 3, held, cold: 0, errors: 0, throttles: 0, error_messages: [] });

  it('held N/N at a recent tick: no warning', () => {
    const r = keepWarmStatus({ configured: 3, rule, periodMs: 5 * MIN, lastTick: tick(4), window, now });
    expect(r.warnings).toEqual([]);
    expect(r.status).toMatchObject({ enabled: true, asked: 3, held: 3, cold: 0, last_tick: tick(4).time, schedule: 'rate(5 minutes)' });
  });

  it('warns when the last tick is older than twice the period, and when held < asked', () => {
    expect(keepWarmStatus({ configured: 3, rule, periodMs: 5 * MIN, lastTick: tick(11), window, now }).warnings).toEqual([
      'the last keep-warm tick was 11 min ago, more than twice the schedule\'s period (rate(5 minutes))',
    ]);
    expect(keepWarmStatus({ configured: 3, rule, periodMs: 5 * MIN, lastTick: tick(1, 2), window, now }).warnings[0]).toMatch(/^held 2 of 3 containers/);
  });

  it('says when keep-warm is off, not deployed, or never ticked', () => {
    expect(keepWarmStatus({ configured: 0, window, now }).warnings[0]).toMatch(/keep-warm is off/);
    expect(keepWarmStatus({ configured: 2, window, now }).warnings[0]).toMatch(/no schedule is deployed: run zap deploy/);
    const never = keepWarmStatus({ configured: 3, rule, periodMs: 5 * MIN, window, now });
    expect(never.status).toMatchObject({ asked: 3, held: null, last_tick: null });
    expect(never.warnings[0]).toMatch(/no keep-warm tick in the window/);
  });
});

describe('formatStatus', () => {
  it('prints every figure a person looks for', () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    const report: StatusReport = {
      stage: 'dev', region: 'eu-west-1',
      function: { name: 'app-dev', runtime: 'nodejs22.x', architecture: 'arm64', memory_mb: 512, timeout_s: 30, code_size_bytes: 1_500_000, version: '4', versions: ['2', '3', '4'], url: 'https://x.lambda-url.eu-west-1.on.aws/', last_modified: '2026-11-23T06:00:00.000+0000' },
      network: {
        vpc: { id: 'vpc-0a1b2c3d4e5f60718', subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'], security_groups: ['sg-0123456789abcdef0'] },
        tracing: 'Active',
        domain: { name: 'api.example.com', target: 'd-abc123.execute-api.eu-west-1.amazonaws.com', hosted_zone_id: 'ZLY8HYME6SFDD', api: 'a1b2c3d4e5' },
      },
      keep_warm: { enabled: true, schedule: 'rate(5 minutes)', rule_state: 'ENABLED', period_ms: 300000, asked: 2, held: 2, cold: 0, errors: 0, throttles: 0, hold_ms: 640, last_tick: '2026-11-23T11:58:00.000Z', window: { ticks: 288, invocations: 576, cold: 3, billed_ms: 576 * 230 } },
      keep_warm_cost: keepWarmCost({ containers: 2, periodMs: 300000, memoryMb: 512, architecture: 'arm64', region: 'eu-west-1', seenBilledMs: 230 }),
      compile_cache: { setting: true, last_tick: 'hit' },
      cold_starts: { since: '2026-11-22T12:00:00.000Z', invocations: 1200, cold: 6, rate: 0.005, p50_ms: 212, p95_ms: 340, max_ms: 401.5, failed: 0 },
      logs: { group: '/aws/lambda/app-dev', found: true, truncated: false },
      warnings: [],
    };
    const text = formatStatus(report, pc.createColors(false), now);
    for (const s of ['app-dev', 'nodejs22.x, arm64, 512 MB, 30 s timeout', 'version 4', '1.4 MB', 'versions 2, 3, 4', 'https://x.lambda-url', 'rate(5 minutes), asked 2',
      'held 2/2 at 2026-11-23T11:58:00.000Z (2 min ago), 0 cold, no errors, hold 640 ms', '288 ticks, 576 warm invocations, 3 of them cold', 'last 24 hours', '1200', '6 (0.50 %)', 'p50 212 ms, p95 340 ms, max 402 ms', 'hit at the last tick',
      // 8,760 ticks × 2 × 0.23 s × 0.5 GB = 2,014.8 GB-s × $0.0000133334 = $0.02686 + 17,520 requests × $0.2/1M = $0.0035 → $0.0304;
      // provisioned: 2 × 0.5 GB × 2,628,000 s × $0.0000033334 = $8.76.
      '$0.0304/month for 2 containers (8,760 ticks × 2 × 230 ms billed (seen in the logs) at 512 MB); provisioned concurrency for 2: $8.76/month',
      'prices: AWS list prices for arm64, https://aws.amazon.com/lambda/pricing/',
      'vpc-0a1b2c3d4e5f60718: subnets subnet-0123456789abcdef0, subnet-0123456789abcdef1; security groups sg-0123456789abcdef0', 'X-Ray, active',
      'https://api.example.com/ → HTTP API a1b2c3d4e5; DNS: CNAME to d-abc123.execute-api.eu-west-1.amazonaws.com (hosted zone ZLY8HYME6SFDD)']) {
      expect(text).toContain(s);
    }
  });
});
