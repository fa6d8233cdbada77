/** Keep-warm through the built artifact: leader fan-out against an Invoke API stand-in, followers, clamping, priming. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildArtifact, type Artifact } from '../helpers/artifact';
import { ArtifactProcess, TEST_ARN } from '../helpers/artifact-process';
import { startInvokeStandIn, type InvokeStandIn } from '../helpers/artifact-lambda';

let artifact: Artifact;
const open: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  artifact = await buildArtifact();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});
afterAll(() => artifact?.cleanup());

async function container(env: Record<string, string> = {}): Promise<ArtifactProcess> {
  const c = new ArtifactProcess(artifact.dir, env);
  open.push(c);
  return c.whenReady();
}

async function standIn(opts: Parameters<typeof startInvokeStandIn>[0]): Promise<InvokeStandIn> {
  const s = await startInvokeStandIn(opts);
  open.push(s);
  return s;
}

const loadedApp = (modules: string[]) => modules.some((m) => m.endsWith('zap-app.cjs'));
const loadedSdk = (modules: string[]) => modules.some((m) => m.includes('@aws-sdk') || m.includes('@smithy'));

describe('the warm path', () => {
  test('N=1 with priming off loads neither the app bundle nor the AWS SDK, and answers cold then warm', async () => {
    const c = await container({ ZAP_KEEP_WARM_PRIME: 'false' });
    const first = await c.invoke({ zap: 'keep_warm', concurrency: 1 });
    const second = await c.invoke({ zap: 'keep_warm', concurrency: 1 });
    expect(first.result).toMatchObject({ zap: 'keep_warm', role: 'leader', cold: true, app_ready: false, asked: 1, held: 1, cold_containers: 1, errors: [] });
    expect(second.result).toMatchObject({ cold: false, cold_containers: 0, container: first.result.container });
    const modules = await c.loadedModules();
    expect(modules.some((m) => m.endsWith('index.js'))).toBe(true);
    expect(loadedApp(modules)).toBe(false);
    expect(loadedSdk(modules)).toBe(false);
  });

  test('index.js does not contain serverless-express or the app: a warm ping never parses them', () => {
    const index = readFileSync(join(artifact.dir, 'index.js'), 'utf8');
    expect(index).not.toMatch(/getEventSourceNameBasedOnEvent|Hello from zap-sample-app/);
    // zap's own runtime only (22 kB with async boot, ESM bundles and the compile-cache warm-up path;
    // 27 kB with secrets and scheduled tasks; 31.5 kB with the adaptive keep-warm hold and the eager compile cache; 33 kB with the streaming handler;
    // 35 kB with a hold shortened only on a spread seen on most followers): serverless-express alone is several times that.
    // The bench measures the warm ping's cost itself.
    expect(index.length).toBeLessThan(36_000);
  });

  test('priming (the default) boots the app during the warm invocation, so the next request finds it ready', async () => {
    const c = await container();
    const warm = await c.invoke({ zap: 'keep_warm', concurrency: 1 });
    expect(warm.result.app_ready).toBe(true);
    expect(loadedApp(await c.loadedModules())).toBe(true);
  });

  test('log contract: each warm invocation writes exactly one stdout line, the JSON it answers', async () => {
    const c = await container();
    const a = await c.invoke({ zap: 'keep_warm', concurrency: 1 });
    const b = await c.invoke({ zap: 'keep_warm', concurrency: 1, fanout: { id: 'leader-1', index: 1 } }, { requestId: 'f-1' });
    await new Promise((r) => setTimeout(r, 50));
    expect(c.logs.filter((l) => l.trim() !== '')).toEqual([JSON.stringify(a.result), JSON.stringify(b.result)]);
    expect(c.warmLogLines()).toHaveLength(2);
    const leader = JSON.parse(c.warmLogLines()[0]!);
    for (const key of ['role', 'asked', 'held', 'cold_containers', 'errors', 'duration_ms']) expect(leader).toHaveProperty(key);
  });
});

describe('a follower', () => {
  test('holds its container for ZAP_KEEP_WARM_HOLD_MS, answers its role and never invokes anyone', async () => {
    const lambda = await standIn({ mode: 'gate', gate: 1 });
    const c = await container({ ZAP_KEEP_WARM_HOLD_MS: '300', AWS_ENDPOINT_URL: lambda.url, ZAP_KEEP_WARM_PRIME: 'false' });
    const started = Date.now();
    const out = await c.invoke({ zap: 'keep_warm', concurrency: 5, fanout: { id: 'leader-9', index: 3 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(out.result).toEqual({ zap: 'keep_warm', role: 'follower', container: expect.any(String), cold: true, app_ready: false, compile_cache: 'miss', fanout: { id: 'leader-9', index: 3 }, hold_ms: 300, started_at: expect.any(Number) });
    expect(out.result.started_at).toBeGreaterThanOrEqual(started);
    expect(lambda.calls).toHaveLength(0);
    expect(loadedSdk(await c.loadedModules())).toBe(false);
  });

  test('holds for the hold its leader sent, whatever its own default', async () => {
    const c = await container({ ZAP_KEEP_WARM_PRIME: 'false' });
    const started = Date.now();
    const out = await c.invoke({ zap: 'keep_warm', concurrency: 5, fanout: { id: 'leader-9', index: 1, hold_ms: 450 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(440);
    expect(out.result).toMatchObject({ role: 'follower', hold_ms: 450 });
  });
});

describe('a leader fanning out', () => {
  test('N=3: two overlapping synchronous invokes of its own qualified ARN, each in a fresh container; held 3', async () => {
    const lambda = await standIn({ mode: 'containers', taskDir: artifact.dir, env: { ZAP_KEEP_WARM_HOLD_MS: '250' } });
    const leader = await container({ AWS_ENDPOINT_URL: lambda.url });
    const out = await leader.invoke({ zap: 'keep_warm', concurrency: 3 }, { requestId: 'leader-req-1' });
    // The leader's own hold is fixed by its ZAP_KEEP_WARM_HOLD_MS (unset here): adaptive, first guess for N = 3.
    expect(out.result).toMatchObject({ role: 'leader', asked: 3, held: 3, cold_containers: 3, errors: [], app_ready: true, hold_ms: 515 });
    // Both followers were cold: when their handlers started says nothing of when their calls landed,
    // so all held does not shorten the hold (hold.ts): the next tick keeps 515 ms.
    expect(out.result.spread_ms).toBeNull();
    expect(out.result.next_hold_ms).toBe(515);
    expect(lambda.calls.map((c) => c.functionName)).toEqual([TEST_ARN, TEST_ARN]);
    expect(lambda.calls.map((c) => c.payload).sort((a, b) => a.fanout.index - b.fanout.index)).toEqual([
      { zap: 'keep_warm', concurrency: 3, fanout: { id: 'leader-req-1', index: 1, hold_ms: 515 } },
      { zap: 'keep_warm', concurrency: 3, fanout: { id: 'leader-req-1', index: 2, hold_ms: 515 } },
    ]);
    // All in flight at once: the last arrived before the first was answered.
    const lastArrival = Math.max(...lambda.calls.map((c) => c.arrivedAt));
    const firstAnswer = Math.min(...lambda.calls.map((c) => c.answeredAt!));
    expect(lastArrival).toBeLessThan(firstAnswer);
    expect(lambda.maxInFlight()).toBe(2);
    expect(leader.warmLogLines()).toEqual([JSON.stringify(out.result)]);
  });

  test('a huge concurrency is clamped to 100, and all 99 invokes are in flight together (past the SDK default of 50 sockets)', async () => {
    const lambda = await standIn({ mode: 'gate', gate: 99, gateTimeoutMs: 4000 });
    const leader = await container({ AWS_ENDPOINT_URL: lambda.url, ZAP_KEEP_WARM_PRIME: 'false' });
    const out = await leader.invoke({ zap: 'keep_warm', concurrency: 1e9 });
    expect(out.result).toMatchObject({ asked: 100, held: 100, errors: [] });
    expect(lambda.calls).toHaveLength(99);
    expect(lambda.maxInFlight()).toBe(99);
  });

  test.each([
    ['missing', undefined, 1],
    ['zero', 0, 1],
    ['negative', -4, 1],
    ['not a number', 'lots', 1],
    ['null', null, 1],
    ['a numeric string', '3', 3],
    ['a fraction', 2.9, 2],
  ])('concurrency %s (%p) → asked %i, never a crash', async (_label, concurrency, asked) => {
    const lambda = await standIn({ mode: 'gate', gate: asked - 1, gateTimeoutMs: 2000 });
    const leader = await container({ AWS_ENDPOINT_URL: lambda.url, ZAP_KEEP_WARM_PRIME: 'false' });
    const out = await leader.invoke({ zap: 'keep_warm', ...(concurrency === undefined ? {} : { concurrency }) });
    expect(out.error).toBeUndefined();
    expect(out.result.asked).toBe(asked);
    expect(lambda.calls).toHaveLength(asked - 1);
  });

  test('throttled invokes are reported as errors by fan-out index; the rest still count', async () => {
    const lambda = await standIn({ mode: 'gate', gate: 2, throttle: [2] });
    const leader = await container({ AWS_ENDPOINT_URL: lambda.url, ZAP_KEEP_WARM_PRIME: 'false' });
    const out = await leader.invoke({ zap: 'keep_warm', concurrency: 4 });
    expect(out.result.held).toBe(3);
    expect(out.result.errors).toEqual([{ index: 2, error: expect.stringMatching(/TooManyRequestsException/) }]);
  });
});
