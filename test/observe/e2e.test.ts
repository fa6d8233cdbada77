// zap status and zap tail against the sample app deployed into the emulator: keep_warm 2, ticks
// fired through /_zap/clock, some requests, and one cold start forced by idle reclaim. Containers run
// at full CPU (UNTHROTTLED): these tests are about what status and tail report, not cold-start speed.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ZAP_BIN } from '../helpers/cli';
import { UNTHROTTLED, deploySampleApp, httpRequest, type DeployedStage } from '../helpers/deployed';

jest.setTimeout(240_000);

interface Container { id: string; functionName: string }

let stage: DeployedStage;
let fn: string;
/** What the emulator saw: requests that had to start a container. */
let userCold = 0;
let userRequests = 0;
const ticks: unknown[] = [];

const containers = async (): Promise<Container[]> =>
  ((await (await fetch(`${stage.emulator.endpoint}/_zap/containers`)).json()) as Container[]).filter((c) => c.functionName === fn);

async function tick(): Promise<void> {
  const res = await fetch(`${stage.emulator.endpoint}/_zap/clock`, { method: 'POST', body: JSON.stringify({ rule: `${fn}-keep-warm` }) });
  const { fired } = (await res.json()) as { fired: { invoked: boolean }[] };
  expect(fired.map((f) => f.invoked)).toEqual([true]);
  ticks.push(fired);
}

/** One request; cold when a container appeared that was not there before it. */
async function request(path: string): Promise<boolean> {
  const before = new Set((await containers()).map((c) => c.id));
  const res = await httpRequest(new URL(path, stage.url).toString());
  expect(res.status).toBe(200);
  userRequests += 1;
  const cold = (await containers()).some((c) => !before.has(c.id));
  if (cold) userCold += 1;
  return cold;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  stage = await deploySampleApp({ emulator: { resources: UNTHROTTLED }, cli: 'in-process' });
  fn = `${JSON.parse(readFileSync(join(stage.dir, 'zap.json'), 'utf8')).dev.project_name}-dev`;
  await tick();
  for (const path of ['/', '/about', '/users/1']) await request(path);
  // Idle reclaim: the idle TTL drops to nothing (the pool's own timers reclaim every idle container,
  // as after 5 idle minutes), then goes back to 300 s; once every container is gone, the next request
  // is a cold start, and its container stays warm for the last tick.
  stage.emulator.pool.setIdleTtl(0);
  for (let i = 0; i < 100 && (await containers()).length > 0; i++) await sleep(50);
  stage.emulator.pool.setIdleTtl(300_000);
  expect(await containers()).toEqual([]);
  expect(await request('/')).toBe(true);
  await tick();
});

afterAll(async () => {
  await stage?.close();
});

test('status --json: held 2/2 at the last tick, and exactly the cold starts that happened', async () => {
  const res = await stage.zap(['status', 'dev', '--json']);
  expect(res.stderr).toBe('');
  expect(res.code).toBe(0);
  const s = JSON.parse(res.stdout);
  expect(s.keep_warm).toMatchObject({ enabled: true, schedule: 'rate(5 minutes)', asked: 2, held: 2, cold: 1, errors: 0 });
  expect(Date.now() - Date.parse(s.keep_warm.last_tick)).toBeLessThan(60_000);
  expect(s.cold_starts).toMatchObject({ invocations: userRequests, cold: userCold });
  expect(userCold).toBe(1);
  expect(s.cold_starts.p50_ms).toBeGreaterThan(0);
  expect(s.cold_starts.p50_ms).toBe(s.cold_starts.max_ms);
  // Two fired ticks and deploy's prewarm, each a leader and a follower.
  expect(s.keep_warm.window).toMatchObject({ ticks: 3, invocations: 6 });
  expect(s.function).toMatchObject({ name: fn, runtime: expect.stringMatching(/^nodejs/), memory_mb: 512, timeout_s: 30, version: '1', versions: ['1'], url: stage.url });
  expect(s.function.code_size_bytes).toBeGreaterThan(0);
  expect(s.warnings).toEqual([]);
});

test('status prints the same figures for people', async () => {
  const res = await stage.zap(['status', 'dev']);
  expect(res.code).toBe(0);
  expect(res.stdout).toMatch(/held 2\/2 at .* 1 cold, no errors/);
  expect(res.stdout).toMatch(new RegExp(`invocations\\s+${userRequests}\\n`));
  expect(res.stdout).toMatch(/cold\s+1 \(25\.0 %\)/);
  expect(res.stdout).not.toMatch(/\x1b\[/);
});

test('tail hides warm traffic, marks the one cold start; --warm shows the ticks', async () => {
  const plain = await stage.zap(['tail', 'dev']);
  expect(plain.code).toBe(0);
  const reports = plain.stdout.split('\n').filter((l) => / REPORT /.test(l));
  expect(reports).toHaveLength(userRequests);
  expect(reports.filter((l) => /COLD \d+ ms init/.test(l))).toHaveLength(1);
  expect(plain.stdout).not.toMatch(/keep.warm| warm /);

  const warm = await stage.zap(['tail', 'dev', '--warm']);
  expect(warm.code).toBe(0);
  expect(warm.stdout).toMatch(/warm keep-warm leader: held 2\/2, 1 cold/);
  // 3 ticks × 2 warm invocations, and deploy's one compile-cache request: zap's own traffic, shown with --warm.
  expect(warm.stdout.split('\n').filter((l) => / REPORT /.test(l))).toHaveLength(userRequests + 6 + 1);
});

test('tail --json: one object per line, the same hiding', async () => {
  const res = await stage.zap(['tail', 'dev', '--json', '--since', '1h']);
  expect(res.code).toBe(0);
  const lines = res.stdout.trim().split('\n').map((l) => JSON.parse(l));
  const reports = lines.filter((l) => l.type === 'report');
  expect(reports).toHaveLength(userRequests);
  expect(reports.filter((r) => r.cold)).toEqual([expect.objectContaining({ warm: false, init_ms: expect.any(Number) })]);
  expect(new Set(lines.map((l) => l.event_id)).size).toBe(lines.length);
});

test('tail --filter keeps warm requests hidden even when the pattern drops their keep_warm line', async () => {
  const res = await stage.zap(['tail', 'dev', '--filter', 'REPORT']);
  expect(res.code).toBe(0);
  expect(res.stdout.trim().split('\n')).toHaveLength(userRequests);
});

// A process of its own: Ctrl-C is a signal to the process.
test('tail --follow picks up a request made after it started, once, and Ctrl-C exits cleanly', async () => {
  const child = spawn(process.execPath, [ZAP_BIN, 'tail', 'dev', '--follow', '--json'], {
    cwd: stage.dir, env: { ...process.env, ...stage.env, ZAP_TAIL_INTERVAL_MS: '200' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const reportIds = () => stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((l) => l.type === 'report').map((l) => l.request_id as string);
  try {
    const waitFor = async (n: number) => {
      for (let i = 0; i < 150 && reportIds().length < n; i++) await sleep(100);
      expect(reportIds()).toHaveLength(n);
    };
    await waitFor(userRequests);
    await request('/users/2');
    await waitFor(userRequests);
    await sleep(1000); // several more polls: nothing repeats
    const ids = reportIds();
    expect(ids).toHaveLength(userRequests);
    expect(new Set(ids).size).toBe(ids.length);
    const events = stdout.trim().split('\n').map((l) => JSON.parse(l).event_id);
    expect(new Set(events).size).toBe(events.length);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});

test('before the first deploy: tail says the function has not run, status says to deploy; no stack', async () => {
  const fresh = await deploySampleApp({ deploy: false, cli: 'in-process' });
  try {
    const tail = await fresh.zap(['tail', 'dev']);
    expect(tail).toMatchObject({ code: 0, stdout: '' });
    expect(tail.stderr).toMatch(/^t\w+-dev has not run yet: its log group \/aws\/lambda\/t\w+-dev does not exist\.\n$/);
    const status = await fresh.zap(['status', 'dev']);
    expect(status.code).toBe(1);
    expect(status.stderr).toMatch(/^zap: t\w+-dev is not deployed in eu-west-1: run zap deploy dev\n$/);
    const since = await fresh.zap(['tail', 'dev', '--since', 'yesterday']);
    expect(since.code).toBe(2);
    expect(since.stderr).toMatch(/--since: got 'yesterday'/);
  } finally {
    await fresh.close();
  }
});
