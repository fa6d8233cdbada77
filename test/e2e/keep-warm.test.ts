import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deploySampleApp, httpRequest, type DeployedStage } from '../helpers/deployed';

jest.setTimeout(180_000);

interface ContainerInfo {
  id: string;
  functionName: string;
  version: string;
  state: string;
  pid?: number;
}

let stage: DeployedStage;
let fn: string;
beforeAll(async () => {
  stage = await deploySampleApp({ dev: { keep_warm: 3 } });
  fn = `${JSON.parse(readFileSync(join(stage.dir, 'zap.json'), 'utf8')).dev.project_name}-dev`;
});
afterAll(async () => {
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

const concurrentSlowRequests = (n: number) => Promise.all(Array.from({ length: n }, () => httpRequest(`${stage.url}slow?ms=600`)));

test('a warm tick holds 3 containers of the live version, each with the app booted', async () => {
  const fired = await tick();
  expect(fired).toHaveLength(1);
  expect(fired[0]!.invoked).toBe(true);
  const held = await containers();
  expect(held).toHaveLength(3);
  expect(new Set(held.map((c) => c.version))).toEqual(new Set(['1']));
  const leaderLine = JSON.stringify(fired[0]!.result ?? '');
  expect(leaderLine).toMatch(/"held":3/);
  expect(leaderLine).toMatch(/"apps_ready":3/);
});

test('3 concurrent requests start no new container; 4 start exactly one', async () => {
  const before = (await containers()).map((c) => c.id);
  const three = await concurrentSlowRequests(3);
  expect(three.map((r) => r.status)).toEqual([200, 200, 200]);
  expect(new Set(three.map((r) => JSON.parse(r.body.toString()).pid)).size).toBe(3);
  expect((await containers()).map((c) => c.id).sort()).toEqual([...before].sort());

  const four = await concurrentSlowRequests(4);
  expect(four.every((r) => r.status === 200)).toBe(true);
  const after = await containers();
  expect(after.filter((c) => !before.includes(c.id))).toHaveLength(1);
});
