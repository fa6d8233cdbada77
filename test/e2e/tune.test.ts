// `zap tune` on the sample app deployed into the emulator: the table for four sizes, its arithmetic
// against the samples it printed, alias live and the function's configuration as they were, nothing
// left behind (also after Ctrl-C); and the keep-warm bill in `deploy --plan` and `status`.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { deploySampleApp, type DeployedStage } from '../helpers/deployed';
import { runZapUntil } from '../helpers/signal';
import { runZapInProcess } from '../helpers/cli-in-process';

jest.setTimeout(120_000);

let stage: DeployedStage;
let fn: string;

/** What tune must leave as it found it: $LATEST's configuration, the versions, the aliases and where they point. */
function snapshot() {
  const f = stage.emulator.data.functions[fn]!;
  const { lastModified: _m, revisionId: _r, updatedAt: _u, lastUpdateKind: _k, ...latest } = f.latest;
  return { latest, versions: Object.keys(f.versions), aliases: Object.fromEntries(Object.entries(f.aliases).map(([k, a]) => [k, a.functionVersion])), urls: Object.keys(f.urls) };
}

let before: ReturnType<typeof snapshot>;

function expectLeftAsFound(): void {
  expect(snapshot()).toEqual(before);
  expect(before.aliases).toEqual({ live: '1' });
  // The stage's lock is released.
  expect(stage.emulator.data.logGroups[`/zap/lock/${fn}`]).toBeUndefined();
}

/**
 * Whether the emulator gives containers CPU in proportion to MemorySize: its resource model says
 * cpu "cgroup" (in /_zap/health, the Zap-Resource-Model header, or each container's `model`).
 * Read defensively: an emulator without the model says none of these.
 */
async function cpuModelled(): Promise<boolean> {
  const health = (await (await fetch(`${stage.emulator.endpoint}/_zap/health`)).json()) as { resources?: { cpu?: string } | null };
  const res = await fetch(`${stage.emulator.endpoint}/_zap/containers`);
  const header = JSON.parse(res.headers.get('zap-resource-model') ?? 'null') as { cpu?: string } | null;
  const containers = (await res.json()) as { model?: { cpu?: string } }[];
  return [health.resources?.cpu, header?.cpu, ...containers.map((c) => c.model?.cpu)].includes('cgroup');
}

beforeAll(async () => {
  stage = await deploySampleApp({ cli: 'in-process' });
  fn = `${JSON.parse(readFileSync(join(stage.dir, 'zap.json'), 'utf8')).dev.project_name}-dev`;
  before = snapshot();
});
afterAll(() => stage?.close());

const SIZES = [128, 256, 512, 1024];
/** Where the emulator models CPU, a cold start at 128 MB takes seconds: the other runs use larger sizes. */
const BIG = [512, 1024, 1769, 3008];
const GB_SECOND_ARM = 0.0000133334;

test('--json: four sizes, each figure recomputed from the samples it measured', async () => {
  const res = await stage.zap(['tune', 'dev', '--memory', SIZES.join(','), '--cold', '2', '--warm', '5', '--path', '/', '--path', '/about', '--json']);
  expect(res.stderr).toBe('');
  expect(res.code).toBe(0);
  const t = JSON.parse(res.stdout);
  expect(t.rows.map((r: { memory_mb: number }) => r.memory_mb)).toEqual(SIZES);
  expect(t.requests).toEqual(['GET /', 'GET /about']);
  expect(t.prices).toMatchObject({ gb_second: GB_SECOND_ARM, request_per_million: 0.2 });
  for (const [i, row] of t.rows.entries()) {
    const s = t.samples[i];
    expect(s.cold).toHaveLength(2);
    expect(s.warm).toHaveLength(5);
    // Each forced cold start was a new container: REPORT has Init Duration.
    for (const c of s.cold) expect(c.init_ms).toBeGreaterThan(0);
    for (const w of s.warm) expect([w.init_ms, w.status, w.error]).toEqual([undefined, 200, undefined]);
    // Two cold starts: the nearest-rank median is the smaller one.
    expect(row.init_ms.p50).toBe(Math.min(...s.cold.map((c: { init_ms: number }) => c.init_ms)));
    // Five warm durations: p50 is the 3rd smallest, p95 the largest.
    const d = s.warm.map((w: { duration_ms: number }) => w.duration_ms).sort((a: number, b: number) => a - b);
    expect(row.warm_ms).toEqual({ p50: d[2], p95: d[4] });
    const billed = s.warm.reduce((a: number, w: { billed_ms: number }) => a + w.billed_ms, 0) / 5;
    expect(row.billed_ms).toBeCloseTo(billed, 9);
    expect(row.usd_per_million).toBeCloseTo(1e6 * ((billed / 1000) * (SIZES[i]! / 1024) * GB_SECOND_ARM) + 0.2, 9);
    // keep_warm 2 every 5 minutes: 17,520 invocations a month, each billing at least the first hold (500 ms + 5 ms × 2).
    const kwBilled = Math.max(510, s.keep_warm_ping.billed_ms);
    expect(row.keep_warm_usd_month).toBeCloseTo(17_520 * (kwBilled / 1000) * (SIZES[i]! / 1024) * GB_SECOND_ARM + 17_520 * 0.2e-6, 9);
    expect(row).toMatchObject({ over_api_gateway: false, over_timeout: false, errors: [] });
  }
  expect(SIZES).toContain(t.recommendation.memory_mb);
  expect(t.restored).toEqual({ memory_mb: 512, description: before.latest.description });
  // Cold start falls as memory rises only where the emulator gives CPU in proportion to memory.
  const modelled = await cpuModelled();
  if (modelled) expect(t.rows[0].init_ms.p50).toBeGreaterThan(2 * t.rows[3].init_ms.p50);
  expectLeftAsFound();
});

test('for people: the table, the recommendation, the chart and the SVG; quiet in CI', async () => {
  const svg = join(stage.dir, 'tune.svg');
  const res = await runZapInProcess(['tune', 'dev', '--memory', BIG.join(','), '--cold', '1', '--warm', '3', '--goal-p95', '10000', '--svg', svg], { cwd: stage.dir, env: { ...stage.env, CI: 'true' } });
  expect(res.code).toBe(0);
  expect(res.stderr).toBe('');
  const out = res.stdout;
  expect(out).toMatch(/^memory\s+cold start: init\s+first answer\s+warm p50\s+warm p95\s+billed\s+\$ per 1M\s+keep-warm 2 \$\/month$/m);
  for (const m of BIG) expect(out).toMatch(new RegExp(`^${m} MB +\\d+ ms +\\d+ ms +[\\d.]+ ms +[\\d.]+ ms +[\\d.]+ ms +\\$[\\d.]+ +\\$[\\d.]+`, 'm'));
  expect(out).toMatch(/^recommended: \d+ MB, the cheapest per request with warm p95 ≤ 10000 ms$/m);
  expect(out).toMatch(/← recommended$/m);
  for (const m of BIG) expect(out).toMatch(new RegExp(`^${m} MB +█+ +\\d+ ms +█+ +\\$`, 'm'));
  expect(out).toContain('prices: AWS list prices for arm64, https://aws.amazon.com/lambda/pricing/');
  expect(out).toContain(`chart written to ${svg}`);
  const image = readFileSync(svg, 'utf8');
  expect(image).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(image.match(/<rect x=/g)).toHaveLength(4);
  expect(image.match(/<circle /g)).toHaveLength(4);
  rmSync(svg);
  expectLeftAsFound();
});

// A process of its own: Ctrl-C is a signal to the process.
test('Ctrl-C during the second size: exit 130, $LATEST put back, nothing left behind', async () => {
  const res = await runZapUntil(['tune', 'dev', '--memory', '1024,1769,3008', '--cold', '2', '--warm', '3'], {
    cwd: stage.dir, env: { ...stage.env, CI: '' },
    // The third configuration change is the second size's first cold start.
    when: /(aws: Lambda UpdateFunctionConfiguration[\s\S]*){3}/,
  });
  expect(res.stderr).toMatch(/^zap tune: 1024 MB \(1\/3\): 2 cold starts, 3 warm requests$/m);
  expect(res.stderr).toMatch(/^zap tune: restored .* \$LATEST: 512 MB$/m);
  expect(res.stderr).toMatch(/stopped by SIGINT; nothing is left behind/);
  expect(res.stderr).not.toMatch(/zap tune: 3008 MB/);
  expect(res.code).toBe(130);
  expectLeftAsFound();
});

test('--plan and status: what keep-warm costs a month, beside provisioned concurrency', async () => {
  const plan = await stage.zap(['deploy', 'dev', '--plan']);
  expect(plan.code).toBe(0);
  // No logs read: 8,760 ticks × 2 × 510 ms (estimated: the first hold) × 0.5 GB = 4,467.6 GB-s × $0.0000133334 = $0.05957 + $0.003504 = $0.0631;
  // provisioned concurrency for 2: 2 × 0.5 GB × 2,628,000 s × $0.0000033334 = $8.76.
  expect(plan.stdout).toContain('keep-warm cost: $0.0631/month for 2 containers (8,760 ticks × 2 × 510 ms billed (estimated; no warm invocation in the logs yet) at 512 MB); provisioned concurrency for 2: $8.76/month');
  expect(plan.stdout).toMatch(/^ {2}prices: AWS list prices for arm64, https:\/\/aws\.amazon\.com\/lambda\/pricing\//m);

  const json = await stage.zap(['status', 'dev', '--json']);
  expect(json.code).toBe(0);
  const s = JSON.parse(json.stdout);
  // Deploy's prewarm was a tick of 2: the bill is priced from those invocations' billed ms.
  // tune's invocations ran on $LATEST: neither user requests nor ticks of the stage.
  expect(s.cold_starts).toMatchObject({ invocations: 0, cold: 0 });
  expect(s.keep_warm).toMatchObject({ asked: 2, held: 2 });
  const w = s.keep_warm.window;
  expect(w.invocations).toBeGreaterThanOrEqual(2);
  const perInvocation = w.billed_ms / w.invocations;
  expect(s.keep_warm_cost.bill).toMatchObject({ billed_from: 'logs', containers: 2, memory_mb: 512, ticks_per_month: 8760 });
  expect(s.keep_warm_cost.bill.billed_ms_per_invocation).toBeCloseTo(perInvocation, 9);
  expect(s.keep_warm_cost.bill.usd).toBeCloseTo(17_520 * (perInvocation / 1000) * 0.5 * GB_SECOND_ARM + 17_520 * 0.2e-6, 9);
  expect(s.keep_warm_cost.bill.provisioned_usd).toBeCloseTo(8.7601752, 6);
  const text = await stage.zap(['status', 'dev']);
  expect(text.stdout).toMatch(/^ {2}cost {10}\$[\d.]+\/month for 2 containers \(8,760 ticks × 2 × [\d.]+ ms billed \(seen in the logs\) at 512 MB\); provisioned concurrency for 2: \$8\.76\/month$/m);
});

test('bad flags: one line naming the fix, exit 2, nothing touched', async () => {
  const res = await stage.zap(['tune', 'dev', '--memory', '64,512']);
  expect(res.code).toBe(2);
  expect(res.stderr.trim()).toBe('zap: --memory 64,512: expected whole numbers of MB from 128 to 10240, separated by commas, e.g. --memory 128,512,1024 (not: 64)');
  expectLeftAsFound();
});
