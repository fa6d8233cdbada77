/**
 * Ctrl-C (SIGINT) and SIGTERM during deploy, with the built CLI against the emulator: a slow call
 * injected under /_zap/faults holds the deploy where the test wants it, `--verbose` says when it
 * got there, and the signal lands while that call is in flight.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliResult } from '../helpers/cli';
import { deploySampleApp, NO_DELAYS, UNTHROTTLED, type DeployedStage } from '../helpers/deployed';
import { succeeded } from '../helpers/in-process';
import { zapInProcess } from '../helpers/stage-zap';
import { runZapUntil } from '../helpers/signal';

/**
 * Two stages, each on its own emulator (an injected slow call meets only its own deploy): one for a
 * first deploy interrupted, one for a live stage interrupted. The live stage's run starts in
 * beforeAll and goes on while the first-deploy tests run; its test awaits it.
 */
let stage: DeployedStage;
let live: DeployedStage;
let liveRun: Promise<void>;
const fnOf = (s: DeployedStage) => `${JSON.parse(readFileSync(join(s.dir, 'zap.json'), 'utf8')).dev.project_name}-dev`;

beforeAll(async () => {
  // A new role is not assumable for 3 s, so the first CreateFunction goes through the retry.
  [stage, live] = await Promise.all([
    deploySampleApp({ deploy: false, emulator: { delays: { ...NO_DELAYS, roleAssumableMs: 3000 }, resources: UNTHROTTLED } }),
    deploySampleApp({ deploy: false, emulator: { delays: NO_DELAYS, resources: UNTHROTTLED } }),
  ]);
  liveRun = liveStageInterrupted(live);
  liveRun.catch(() => undefined);
});
afterAll(async () => {
  await liveRun?.catch(() => undefined);
  await Promise.all([stage?.close(), live?.close()]);
});

const STEPS = ['package', 'log group', 'role', 'function', 'compile cache', 'version', 'prewarm', 'alias live', 'http entry', 'keep-warm rule', 'tasks', 'prune'];
const versions = (s = stage) => Object.keys(s.emulator.data.functions[fnOf(s)]?.versions ?? {}).filter((v) => v !== '$LATEST');
const alias = (s = stage) => s.emulator.data.functions[fnOf(s)]?.aliases?.live?.functionVersion as string | undefined;

const interrupted = (args: string[], when: RegExp, signal: NodeJS.Signals = 'SIGINT', s = stage) => runZapUntil(args, { cwd: s.dir, env: s.env, when, signal });

/** The done and remaining lists the CLI printed. */
function lists(stderr: string): { done: string[]; remaining: string[] } {
  const get = (label: string) => (new RegExp(`^\\s+${label}:\\s+(.*)$`, 'm').exec(stderr)?.[1] ?? '').split(', ').filter((s) => s && s !== 'nothing');
  return { done: get('done'), remaining: get('remaining') };
}

const matrix: string[] = [];
function expectStopped(res: CliResult, command: string, doneUpTo: string, signal = 'SIGINT', s = stage): void {
  expect(res.code).toBe(130);
  expect(res.stderr).toMatch(new RegExp(`^zap: stopped by ${signal} once the AWS call in flight had finished`, 'm'));
  const { done, remaining } = lists(res.stderr);
  const cut = STEPS.indexOf(doneUpTo) + 1;
  expect(done).toEqual(STEPS.slice(0, cut));
  expect(remaining).toEqual(STEPS.slice(cut));
  expect(res.stderr).toMatch(new RegExp(`^run \`${command}\` again to finish the job$`, 'm'));
  expect(res.stderr).not.toMatch(/a bug in zap|Exception/);
  // The lock was released on the way out.
  expect(s.emulator.data.logGroups[`/zap/lock/${fnOf(s)}`]).toBeUndefined();
}

/** A bounded loop of requests to the URL, counting every answer that is not a 200. */
function requestLoop(url: string) {
  let stop = false;
  const tally = { ok: 0, failed: [] as string[] };
  const done = (async () => {
    for (let i = 0; i < 20_000 && !stop; i++) {
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
        await res.arrayBuffer();
        if (res.status === 200) tally.ok++;
        else tally.failed.push(`HTTP ${res.status}`);
      } catch (err) {
        tally.failed.push(String(err));
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  return { tally, stop: async () => ((stop = true), await done, tally) };
}

describe('a first deploy interrupted', () => {
  test('after package: nothing in AWS yet; the message lists every other step as remaining', async () => {
    stage.emulator.faults.add({ operation: 'GetCallerIdentity', delayMs: 1500 });
    const res = await interrupted(['deploy', 'dev'], /^aws: STS GetCallerIdentity$/m);
    expectStopped(res, 'zap deploy dev', 'package');
    expect(stage.emulator.data.functions[fnOf(stage)]).toBeUndefined();
    matrix.push(`first deploy, after package (SIGINT at ${res.sentAt} ms): exit ${res.code}, done package`);
  }, 120_000);

  test('during the role retry: the wait between attempts stops; role made, function not', async () => {
    const res = await interrupted(['deploy', 'dev'], /retrying \(attempt 2\)/);
    expectStopped(res, 'zap deploy dev', 'role');
    expect(stage.emulator.data.functions[fnOf(stage)]).toBeUndefined();
    matrix.push(`first deploy, during the role retry (SIGINT at ${res.sentAt} ms): exit ${res.code}, done up to role`);
  }, 120_000);

  test('after publish: version 1 exists, alias live does not; status and invoke say the deploy is incomplete', async () => {
    stage.emulator.faults.add({ operation: 'PublishVersion', delayMs: 1500 });
    const res = await interrupted(['deploy', 'dev'], /^aws: Lambda PublishVersion$/m, 'SIGTERM');
    expectStopped(res, 'zap deploy dev', 'version', 'SIGTERM');
    expect(versions()).toEqual(['1']);
    expect(alias()).toBeUndefined();
    matrix.push(`first deploy, after publish (SIGTERM at ${res.sentAt} ms): exit ${res.code}, done up to version`);

    const status = await zapInProcess(stage, ['status', 'dev']);
    expect(status.stdout).toMatch(/live\s+incomplete deploy: run `zap deploy dev`/);
    expect(status.stdout).not.toMatch(/version none/);
    const invoke = await zapInProcess(stage, ['invoke', 'dev', '--path', '/']);
    expect(invoke.code).toBe(1);
    expect(invoke.stderr).toMatch(/^zap: incomplete deploy: run `zap deploy dev`/);
    expect(invoke.stderr).not.toMatch(/ResourceNotFoundException/);
  }, 120_000);
});

/** The live stage's part; its expectations fail the test that awaits it. */
async function liveStageInterrupted(s: DeployedStage): Promise<void> {
  // The signals go to real CLI processes; the deploys around them run in this process.
  const first = succeeded(await s.deploy());
  expect(versions(s)).toEqual(['1']);
  expect(alias(s)).toBe('1');
  const url = first.url!;
  const loop = requestLoop(url);
  try {
    // A new route: new code for the update to upload.
    appendFileSync(join(s.dir, 'src/app.ts'), "\napp.get('/v2', (_req, res) => { res.send('v2'); });\n");

    s.emulator.faults.add({ operation: 'GetCallerIdentity', delayMs: 1500 });
    const afterPackage = await interrupted(['update', 'dev'], /^aws: STS GetCallerIdentity$/m, 'SIGINT', s);
    expectStopped(afterPackage, 'zap update dev', 'package', 'SIGINT', s);
    liveMatrix.push(`update, after package (SIGINT at ${afterPackage.sentAt} ms): exit ${afterPackage.code}, done package`);

    s.emulator.faults.add({ operation: 'UpdateFunctionCode', delayMs: 1500 });
    const afterUpload = await interrupted(['update', 'dev'], /^aws: Lambda UpdateFunctionCode$/m, 'SIGINT', s);
    expectStopped(afterUpload, 'zap update dev', 'function', 'SIGINT', s);
    expect(alias(s)).toBe('1');
    liveMatrix.push(`update, after upload (SIGINT at ${afterUpload.sentAt} ms): exit ${afterUpload.code}, done up to function`);

    s.emulator.faults.add({ operation: 'PublishVersion', delayMs: 1500 });
    const afterPublish = await interrupted(['update', 'dev'], /^aws: Lambda PublishVersion$/m, 'SIGINT', s);
    expectStopped(afterPublish, 'zap update dev', 'version', 'SIGINT', s);
    expect(versions(s)).toEqual(['1', '2']);
    expect(alias(s)).toBe('1');
    liveMatrix.push(`update, after publish (SIGINT at ${afterPublish.sentAt} ms): exit ${afterPublish.code}, done up to version`);

    succeeded(await s.deploy({ update: true }));
    expect(versions(s)).toEqual(['1', '2']);
    expect(alias(s)).toBe('2');
    expect((await fetch(`${url.replace(/\/$/, '')}/v2`)).status).toBe(200);
  } finally {
    const tally = await loop.stop();
    liveMatrix.push(`requests to the URL across the live-stage steps: ${tally.ok} answered 200, ${tally.failed.length} failed`);
    expect(tally.failed).toEqual([]);
    expect(tally.ok).toBeGreaterThan(20);
  }
}
const liveMatrix: string[] = [];

test('a live stage interrupted after package, after an update\'s upload and after publish: the URL never fails, and the next update converges with one new version', async () => {
  try {
    await liveRun;
  } finally {
    process.stderr.write(`interrupt matrix:\n  ${[...matrix, ...liveMatrix].join('\n  ')}\n`);
  }
}, 240_000);
