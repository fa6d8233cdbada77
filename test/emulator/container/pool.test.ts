// Lambda's scaling rules, with real child processes.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ContainerPool } from '../../../src/emulator/container/pool';
import { json, logRecorder, opts, pidAlive, removeFixtures, spec, UNTHROTTLED, waitFor } from './helpers';

let pool: ContainerPool;
const logs = logRecorder();

beforeEach(() => {
  pool = new ContainerPool({ endpoint: 'http://127.0.0.1:9', idleTtlMs: 60_000, onLog: logs.sink, resources: UNTHROTTLED });
});
afterEach(() => pool.close());
afterAll(removeFixtures);

const pidOf = (r: { payload: Buffer }) => JSON.parse(r.payload.toString()).pid as number;

test('N concurrent invocations start N containers', async () => {
  const s = spec('slow');
  const results = await Promise.all([1, 2, 3].map(() => pool.invoke(s, json({ ms: 300 }), opts(s))));
  expect(new Set(results.map(pidOf)).size).toBe(3);
  expect(results.every((r) => r.coldStart)).toBe(true);
  expect(pool.list()).toHaveLength(3);
  expect(pool.list().every((c) => c.state === 'idle' && c.invocations === 1)).toBe(true);
});

test('a sequential burst uses one container; only the first is a cold start', async () => {
  const s = spec('slow');
  const results = [];
  for (let i = 0; i < 5; i++) results.push(await pool.invoke(s, json({ ms: 0 }), opts(s)));
  expect(new Set(results.map(pidOf)).size).toBe(1);
  expect(results.map((r) => r.coldStart)).toEqual([true, false, false, false, false]);
  expect(pool.list()).toEqual([expect.objectContaining({ invocations: 5, state: 'idle', functionName: 'slow' })]);
});

test('busyCount counts in-flight invocations across versions', async () => {
  const v1 = spec('slow', { version: '1' });
  const latest = spec('slow', { codeDir: v1.codeDir });
  const running = [pool.invoke(v1, json({ ms: 400 }), opts(v1)), pool.invoke(latest, json({ ms: 400 }), opts(latest))];
  expect(pool.busyCount('slow')).toBe(2);
  expect(pool.busyCount('other')).toBe(0);
  await Promise.all(running);
  expect(pool.busyCount('slow')).toBe(0);
});

test('versions and code never share a container', async () => {
  const v1 = spec('slow', { version: '1' });
  const v2 = spec('slow', { version: '2', codeDir: v1.codeDir });
  const a = await pool.invoke(v1, json({}), opts(v1));
  const b = await pool.invoke(v2, json({}), opts(v2));
  expect(pidOf(a)).not.toBe(pidOf(b));
  expect(b.executedVersion).toBe('2');
  const newCode = { ...v1, codeSha256: 'changed' };
  const c = await pool.invoke(newCode, json({}), opts(newCode));
  expect(c.coldStart).toBe(true);
  expect(pidOf(c)).not.toBe(pidOf(a));
  const again = await pool.invoke(v1, json({}), opts(v1));
  expect(pidOf(again)).toBe(pidOf(a));
});

test('idle containers are reclaimed after the idle TTL', async () => {
  const s = spec('slow');
  pool.setIdleTtl(200);
  const r = await pool.invoke(s, json({}), opts(s));
  const pid = pidOf(r);
  expect(pool.list()).toHaveLength(1);
  expect(await waitFor(() => pool.list().length === 0 && !pidAlive(pid), 5000)).toBe(true);
  const next = await pool.invoke(s, json({}), opts(s));
  expect(next.coldStart).toBe(true);
  // A shorter TTL set later applies to a container already idle.
  pool.setIdleTtl(60_000);
  await pool.invoke(s, json({}), opts(s));
  await new Promise((r) => setTimeout(r, 150));
  pool.setIdleTtl(100);
  expect(await waitFor(() => pool.list().length === 0, 1000)).toBe(true);
});

test('retire stops idle containers now and busy ones after their invocation', async () => {
  const s = spec('slow');
  await Promise.all([pool.invoke(s, json({}), opts(s)), pool.invoke(s, json({}), opts(s))]);
  // Busy until the test creates `release` (30 s at most): they outlast the two cold starts and the retire below however busy the host.
  const release = join(mkdtempSync(join(tmpdir(), 'zap-retire-')), 'release');
  const hold = json({ ms: 30_000, until: release });
  const busy = pool.invoke(s, hold, opts(s));
  const other = pool.invoke(s, hold, opts(s));
  const third = pool.invoke(s, hold, opts(s));
  await waitFor(() => pool.list().filter((c) => c.state === 'busy').length === 3);
  const idle = await Promise.all([1, 2].map(() => pool.invoke(s, json({}), opts(s))));
  await pool.retire('slow');
  expect(idle.map(pidOf).filter(pidAlive)).toEqual([]);
  expect(pool.list().map((c) => c.state)).toEqual(['busy', 'busy', 'busy']);
  writeFileSync(release, '');
  const results = await Promise.all([busy, other, third]);
  rmSync(dirname(release), { recursive: true, force: true });
  expect(results.every((r) => r.functionError === undefined)).toBe(true);
  expect(await waitFor(() => pool.list().length === 0)).toBe(true);
  expect(await waitFor(() => results.every((r) => !pidAlive(pidOf(r))))).toBe(true);
});

test('scratch space goes under scratchRoot, created if missing, and is removed on close', async () => {
  const root = join(mkdtempSync(join(tmpdir(), 'zap-scratch-test-')), 'not', 'yet');
  const own = new ContainerPool({ endpoint: 'http://127.0.0.1:9', idleTtlMs: 60_000, onLog: logs.sink, scratchRoot: root, resources: UNTHROTTLED });
  try {
    const s = spec('hello');
    const out = JSON.parse((await own.invoke(s, json({}), opts(s))).payload.toString());
    expect(out.tmp.startsWith(root)).toBe(true);
    expect(readdirSync(root)).toHaveLength(1);
  } finally {
    await own.close();
  }
  expect(readdirSync(root)).toHaveLength(0);
  rmSync(join(root, '..', '..'), { recursive: true, force: true });
});

test('close() leaves no child process behind, even mid-invocation', async () => {
  const s = spec('slow');
  const idle = await Promise.all([pool.invoke(s, json({}), opts(s)), pool.invoke(s, json({}), opts(s))]);
  const running = pool.invoke(s, json({ ms: 30_000 }), opts(s));
  const cold = pool.invoke(s, json({ ms: 30_000 }), opts(s));
  const fresh = pool.invoke(s, json({ ms: 30_000 }), opts(s));
  await waitFor(() => pool.list().filter((c) => c.state === 'busy').length === 3);
  const pids = pool.list().map((c) => c.pid);
  expect(pids).toHaveLength(3);
  await pool.close();
  expect(pids.filter(pidAlive)).toEqual([]);
  expect(idle.map(pidOf).filter(pidAlive)).toEqual([]);
  const ended = await Promise.all([running, cold, fresh]);
  expect(ended.map((r) => r.functionError)).toEqual(['Unhandled', 'Unhandled', 'Unhandled']);
  await expect(pool.invoke(s, json({}), opts(s))).rejects.toThrow('closed');
});
