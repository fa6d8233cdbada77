// Keep-warm against the emulator with Lambda's resource model on (containers frozen between
// invocations, CPU by MemorySize): N containers held at a tick, and N requests then start none.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { deploySampleApp, httpRequest, type DeployedStage } from '../helpers/deployed';

jest.setTimeout(240_000);

interface ContainerInfo {
  id: string;
  functionName: string;
  version: string;
  state: string;
  frozen: boolean;
  pid?: number;
}
interface Leader { held: number; asked: number; apps_ready: number; hold_ms: number; next_hold_ms: number; spread_ms: number | null; errors: unknown[] }

let stage: DeployedStage;
let fn: string;
let lambda: LambdaClient;
beforeAll(async () => {
  // A long timeout: on a busy 2-core host a tick that cold-starts 100 containers takes more than 30 s.
  stage = await deploySampleApp({ dev: { keep_warm: 3, timeout_seconds: 120 } });
  fn = `${JSON.parse(readFileSync(join(stage.dir, 'zap.json'), 'utf8')).dev.project_name}-dev`;
  lambda = new LambdaClient({ region: 'eu-west-1', endpoint: stage.emulator.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
});
afterAll(async () => {
  lambda?.destroy();
  await stage?.close();
});

async function containers(): Promise<ContainerInfo[]> {
  const all = (await (await fetch(`${stage.emulator.endpoint}/_zap/containers`)).json()) as ContainerInfo[];
  return all.filter((c) => c.functionName === fn);
}

async function tick() {
  const res = await fetch(`${stage.emulator.endpoint}/_zap/clock`, { method: 'POST', body: JSON.stringify({ rule: `${fn}-keep-warm` }) });
  return ((await res.json()) as { fired: { invoked: boolean; result?: unknown }[] }).fired;
}

/** A tick for N containers: the event the rule sends, to alias live, as the scheduler sends it. */
async function tickFor(n: number): Promise<Leader> {
  const out = await lambda.send(new InvokeCommand({ FunctionName: fn, Qualifier: 'live', Payload: Buffer.from(JSON.stringify({ zap: 'keep_warm', concurrency: n })) }));
  return JSON.parse(Buffer.from(out.Payload!).toString()) as Leader;
}

// Each request stays busy long enough for the whole burst to land: on 2 cores, thawing 100 frozen
// containers and handing each its request takes seconds.
const concurrentSlowRequests = (n: number) => Promise.all(Array.from({ length: n }, () => httpRequest(`${stage.url}slow?ms=${Math.max(600, n * 40)}`)));

/** N requests at once after a tick: every one finds a held container, none starts another. */
async function burstStartsNone(n: number) {
  const before = (await containers()).map((c) => c.id).sort();
  const burst = await concurrentSlowRequests(n);
  expect(burst.filter((r) => r.status !== 200)).toEqual([]);
  expect(new Set(burst.map((r) => JSON.parse(r.body.toString()).pid)).size).toBe(n);
  expect((await containers()).map((c) => c.id).sort()).toEqual(before);
}

test('the emulator models Lambda here: frozen containers, CPU and memory by MemorySize', async () => {
  const res = await fetch(`${stage.emulator.endpoint}/_zap/containers`);
  const model = JSON.parse(res.headers.get('zap-resource-model')!);
  expect(model).toMatchObject({ freeze: expect.stringMatching(/^(cgroup|sigstop)$/) });
  if (model.cpu !== 'cgroup') console.warn(`CPU unthrottled on this host: ${model.reason}`);
});

test('a warm tick holds 3 containers of the live version, each with the app booted, frozen after', async () => {
  const fired = await tick();
  expect(fired).toHaveLength(1);
  expect(fired[0]!.invoked).toBe(true);
  const held = await containers();
  expect(held).toHaveLength(3);
  expect(new Set(held.map((c) => c.version))).toEqual(new Set(['1']));
  expect(held.every((c) => c.frozen)).toBe(true);
  const leader = fired[0]!.result as Leader;
  expect(leader).toMatchObject({ held: 3, apps_ready: 3, hold_ms: expect.any(Number) });
});

test('3 concurrent requests start no new container; 4 start exactly one', async () => {
  await burstStartsNone(3);
  const before = (await containers()).map((c) => c.id);
  const four = await concurrentSlowRequests(4);
  expect(four.every((r) => r.status === 200)).toBe(true);
  const after = await containers();
  expect(after.filter((c) => !before.includes(c.id))).toHaveLength(1);
});

test('N = 10 holds 10/10 at its first tick; 10 requests then start none', async () => {
  const leader = await tickFor(10);
  expect(leader).toMatchObject({ asked: 10, held: 10, errors: [] });
  await burstStartsNone(10);
});

test('N = 100 holds 100/100 from the second tick, the hold adapting; 100 requests then start none', async () => {
  const ticks: Leader[] = [];
  for (let i = 0; i < 3; i++) ticks.push(await tickFor(100));
  console.log(`keep_warm 100: ${ticks.map((t) => `held ${t.held} (hold ${t.hold_ms} ms, spread ${t.spread_ms} ms, next ${t.next_hold_ms} ms)`).join('; ')}`);
  expect(ticks.slice(1).map((t) => t.held)).toEqual([100, 100]);
  // Each tick's hold is the one the last decided.
  expect(ticks[1]!.hold_ms).toBe(ticks[0]!.next_hold_ms);
  const held = await containers();
  expect(held.length).toBe(100);
  expect(held.filter((c) => !c.frozen)).toEqual([]);
  await burstStartsNone(100);
});
