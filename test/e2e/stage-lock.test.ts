/**
 * One deploy per stage at a time: two CLI processes against one emulator, as two machines would be.
 * Containers run at full CPU (UNTHROTTLED): the lock is the subject here, not cold-start speed.
 */
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UNTHROTTLED, deploySampleApp, type DeployedStage } from '../helpers/deployed';
import { runZap } from '../helpers/cli';
import { runZapUntil } from '../helpers/signal';

let stage: DeployedStage;
let fn: string;
let lockGroup: string;

beforeAll(async () => {
  stage = await deploySampleApp({ deploy: false, emulator: { resources: UNTHROTTLED } });
  fn = `${JSON.parse(readFileSync(join(stage.dir, 'zap.json'), 'utf8')).dev.project_name}-dev`;
  lockGroup = `/zap/lock/${fn}`;
});
afterAll(() => stage?.close());

const versions = () => Object.keys(stage.emulator.data.functions[fn]?.versions ?? {}).filter((v) => v !== '$LATEST');
const timed = async <T>(p: Promise<T>) => {
  const t = Date.now();
  const out = await p;
  return { out, ms: Date.now() - t };
};

/** The lock another machine holds: what a deployer on `holder` writes, with the given expiry. */
async function foreignLock(holder: string, expiresInMs: number): Promise<void> {
  const logs = new CloudWatchLogsClient({ endpoint: stage.emulator.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const started = new Date(Date.now() - 60_000).toISOString();
  const tags = { 'zap:lock-id': 'other', 'zap:lock-holder': holder, 'zap:lock-started': started, 'zap:lock-expires': new Date(Date.now() + expiresInMs).toISOString() };
  await logs.send(new CreateLogGroupCommand({ logGroupName: lockGroup, tags }));
  logs.destroy();
}

test('two deploys of one stage at once: the second waits for the first, naming it, then changes nothing; one version is published', async () => {
  const [{ out: a, ms: aMs }, { out: b, ms: bMs }] = await Promise.all([timed(stage.zap(['deploy', 'dev'])), timed(stage.zap(['deploy', 'dev']))]);
  process.stderr.write(`lock: two deploys at once took ${Math.min(aMs, bMs)} ms and ${Math.max(aMs, bMs)} ms (the second waited, then found nothing to change)\n`);
  expect([a.code, b.code]).toEqual([0, 0]);
  const [waited, first] = /waiting up to/.test(a.stderr) ? [a, b] : [b, a];
  expect(first.stdout).toMatch(/^deployed in/m);
  expect(waited.stderr).toMatch(/^zap: waiting up to 120 s for the deploy of [^ ]+\/[^ ]+\/\d+ \(host\/user\/pid\), started 20\d\d-/m);
  expect(waited.stdout).toMatch(/^nothing changed: /m);
  expect(waited.stderr).not.toMatch(/ResourceConflictException|function code unchanged.*\n.*failed/);
  expect(versions()).toEqual(['1']);
  expect(stage.emulator.data.logGroups[lockGroup]).toBeUndefined();
  // And the deploy after them publishes nothing either.
  const again = await stage.zap(['deploy', 'dev']);
  expect(again.stdout).toMatch(/^nothing changed: /m);
  expect(versions()).toEqual(['1']);
}, 120_000);

test('--no-wait refuses at once with exit 3 naming the running deploy; it finishes untouched', async () => {
  stage.setDev({ memory_size: 384 });
  const running = stage.zap(['deploy', 'dev']);
  for (let i = 0; i < 300 && !stage.emulator.data.logGroups[lockGroup]; i++) await new Promise((r) => setTimeout(r, 20));
  const { out: refused, ms } = await timed(stage.zap(['deploy', 'dev', '--no-wait']));
  expect(refused.code).toBe(3);
  expect(refused.stderr).toMatch(/^zap: stage 'dev' is locked by another deploy: [^ ]+\/[^ ]+\/\d+ \(host\/user\/pid\), started 20\d\d-.*--force-unlock$/m);
  const done = await running;
  expect(done.code).toBe(0);
  expect(versions()).toEqual(['1', '2']);
  process.stderr.write(`lock: --no-wait refused in ${ms} ms (CLI process included)\n`);
}, 120_000);

test('a held lock: rollback and undeploy refuse with --no-wait; --lock-wait runs out with exit 3; --force-unlock takes it', async () => {
  await foreignLock('build-7/alice/4242', 10 * 60_000);
  const rollback = await stage.zap(['rollback', 'dev', '--no-wait']);
  expect(rollback.code).toBe(3);
  expect(rollback.stderr).toMatch(/locked by another deploy: build-7\/alice\/4242 \(host\/user\/pid\), started 20\d\d-/);
  const undeploy = await stage.zap(['undeploy', 'dev', '--yes', '--no-wait']);
  expect(undeploy.code).toBe(3);
  expect(stage.emulator.data.functions[fn]).toBeDefined();

  const { out: waited, ms } = await timed(stage.zap(['deploy', 'dev', '--lock-wait', '2']));
  expect(waited.code).toBe(3);
  expect(waited.stderr).toMatch(/^zap: waiting up to 2 s for the deploy of build-7\/alice\/4242/m);
  expect(waited.stderr).toMatch(/^zap: stage 'dev' is still locked after 2 s by build-7\/alice\/4242 .*--force-unlock$/m);
  expect(ms).toBeGreaterThanOrEqual(2000);

  const forced = await stage.zap(['deploy', 'dev', '--force-unlock']);
  expect(forced.code).toBe(0);
  expect(forced.stderr).toMatch(/^zap: removed the lock of build-7\/alice\/4242 .*\(--force-unlock\)$/m);
  expect(stage.emulator.data.logGroups[lockGroup]).toBeUndefined();
  process.stderr.write(`lock: --lock-wait 2 gave up after ${ms} ms (CLI process included)\n`);
}, 120_000);

test('a lock left by a killed deployer expires: the next deploy takes it over and says whose it was', async () => {
  await foreignLock('laptop/bob/99', -1000);
  const res = await stage.zap(['deploy', 'dev', '--no-wait']);
  expect(res.code).toBe(0);
  expect(res.stderr).toMatch(/^zap: taking over the expired lock of laptop\/bob\/99 /m);
  expect(stage.emulator.data.logGroups[lockGroup]).toBeUndefined();
}, 60_000);

test('Ctrl-C while waiting for the lock ends the wait at once, exit 130, the holder\'s lock untouched', async () => {
  await foreignLock('build-8/carol/77', 10 * 60_000);
  const res = await runZapUntil(['deploy', 'dev'], { cwd: stage.dir, env: stage.env, when: /waiting up to/ });
  expect(res.code).toBe(130);
  expect(res.stderr).toMatch(/^zap: stopped by SIGINT while waiting for the lock of build-8\/carol\/77 .*; nothing was changed$/m);
  expect(stage.emulator.data.logGroups[lockGroup]?.tags['zap:lock-holder']).toBe('build-8/carol/77');
  await stage.zap(['deploy', 'dev', '--force-unlock']);
}, 60_000);

test('Ctrl-C during undeploy releases the lock and exits 130; undeploy again finishes', async () => {
  stage.emulator.faults.add({ operation: 'DeleteFunction', delayMs: 1500 });
  const res = await runZapUntil(['undeploy', 'dev', '--yes'], { cwd: stage.dir, env: stage.env, when: /^aws: Lambda DeleteFunction$/m });
  expect(res.code).toBe(130);
  expect(res.stderr).toMatch(/^zap: stopped by SIGINT; run `zap undeploy dev` again to finish the job$/m);
  expect(stage.emulator.data.logGroups[lockGroup]).toBeUndefined();
  const again = await stage.zap(['undeploy', 'dev', '--yes']);
  expect(again.code).toBe(0);
  expect(stage.emulator.data.functions[fn]).toBeUndefined();
}, 60_000);

test('a bad --lock-wait is one line, exit 2', async () => {
  const res = await runZap(['deploy', 'dev', '--lock-wait', 'soon'], { cwd: stage.dir, env: stage.env });
  expect(res.code).toBe(2);
  expect(res.stderr).toMatch(/--lock-wait.*Expected a number of seconds/);
});
