import { createHash } from 'node:crypto';
import { GetAliasCommand, GetFunctionConfigurationCommand, GetPolicyCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { EventBridgeClient, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { startEmulator, type Emulator } from '../../src/emulator';
import { buildArtifact } from '../../src/deploy/artifact';
import type { Artifact } from '../../src/deploy/steps/function';
import { loadStage, type StageSettings } from '../../src/settings';
import { runZap } from '../helpers/cli';
import { NO_DELAYS, UNTHROTTLED, httpRequest, sampleAppCopy } from '../helpers/deployed';
import { deployInProcess, succeeded } from '../helpers/in-process';

jest.setTimeout(300_000);

/** The operations deploy writes with, one per ensure step. */
const STEPS = ['CreateLogGroup', 'CreateRole', 'PutRolePolicy', 'CreateFunction', 'PublishVersion', 'CreateAlias', 'CreateFunctionUrlConfig', 'AddPermission', 'PutRule', 'PutTargets'];

const EMULATOR = { region: 'eu-west-1', delays: NO_DELAYS, resources: UNTHROTTLED };

let emulator: Emulator;
let copy: Awaited<ReturnType<typeof sampleAppCopy>>;
let settings: StageSettings;
/**
 * What `zap deploy` would package: done once, not once per deploy. Once a deploy has kept a compile
 * cache, packaging adds it to the zip; the artifact that deploy returns is that very zip.
 */
let packaged: Artifact;
const given: { artifact: Artifact; sha256: string }[] = [];
beforeAll(async () => {
  emulator = await startEmulator(EMULATOR);
  copy = await sampleAppCopy();
  settings = await loadStage(copy.dir, 'dev');
  packaged = await buildArtifact(copy.dir, settings);
});
afterAll(async () => {
  // Fault points still running (a -t filter awaits only its own) close their emulators first.
  await Promise.allSettled(outcomes.values());
  await emulator?.close();
  copy?.remove();
});

async function fault(endpoint: string, operation: string): Promise<number> {
  const res = await fetch(`${endpoint}/_zap/faults`, {
    method: 'POST',
    body: JSON.stringify({ operation, error: 'AccessDeniedException', status: 403, message: `User is not authorized to perform: ${operation}`, count: 1 }),
  });
  return res.status;
}

/** What a deployed stage looks like from outside, with its own name taken out. */
async function snapshot(endpoint: string, fn: string, url: string) {
  const cfg = { region: 'eu-west-1', endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  const lambda = new LambdaClient(cfg);
  const events = new EventBridgeClient(cfg);
  try {
    const conf = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: fn }));
    const alias = await lambda.send(new GetAliasCommand({ FunctionName: fn, Name: 'live' }));
    const policy = JSON.parse((await lambda.send(new GetPolicyCommand({ FunctionName: fn, Qualifier: 'live' }))).Policy!);
    const targets = (await events.send(new ListTargetsByRuleCommand({ Rule: `${fn}-keep-warm` }))).Targets!;
    return {
      memory: conf.MemorySize,
      env: conf.Environment?.Variables,
      code: conf.CodeSha256,
      aliasVersion: alias.FunctionVersion,
      sids: policy.Statement.map((s: { Sid: string }) => s.Sid).sort(),
      targets: targets.map((t) => ({ id: t.Id, arn: t.Arn?.replace(fn, 'FN'), input: t.Input })),
      home: (await httpRequest(url)).status,
    };
  } finally {
    lambda.destroy();
    events.destroy();
  }
}

/** One `zap deploy dev` of this project, in this process. */
async function deployOnce(endpoint: string, stage: StageSettings) {
  const artifact = packaged;
  given.push({ artifact, sha256: artifact.sha256 });
  const run = await deployInProcess(copy.dir, endpoint, { settings: stage, artifact });
  if (run.result?.artifact.compileCache) packaged = run.result.artifact;
  return run;
}

/**
 * One fault point, from nothing: its own emulator (so its one-shot fault meets its own deploy) and
 * its own project name. The refused deploy, the one after it and a third; what the stage looked like
 * after the second. The emulator is closed before the test reads the outcome.
 */
async function faultPoint(operation: string, n: number) {
  const own = await startEmulator(EMULATOR);
  try {
    const stage = { ...settings, project_name: `${settings.project_name}c${n}` };
    const fn = `${stage.project_name}-dev`;
    const faultStatus = await fault(own.endpoint, operation);
    const failed = await deployOnce(own.endpoint, stage);
    const again = await deployOnce(own.endpoint, stage);
    const state = again.result ? await snapshot(own.endpoint, fn, again.result.url!) : undefined;
    const third = await deployOnce(own.endpoint, stage);
    return { faultStatus, failed, again, state, third };
  } finally {
    await own.close();
  }
}

/**
 * The fault points run in the background, a few at a time (each mostly waits on containers
 * starting), and each test awaits its own. The first runs alone: it makes the compile cache the
 * rest then ship, as packaging would after a deploy.
 */
type Outcome = Awaited<ReturnType<typeof faultPoint>>;
const outcomes = new Map<string, Promise<Outcome>>();
function outcome(operation: string): Promise<Outcome> {
  if (outcomes.size === 0) {
    const first = faultPoint(STEPS[0]!, 0);
    outcomes.set(STEPS[0]!, first);
    const queue = STEPS.slice(1).map((op, i) => {
      let start!: () => void;
      const run = new Promise<void>((r) => (start = r)).then(() => faultPoint(op, i + 1));
      run.catch(() => undefined);
      outcomes.set(op, run);
      return { start, run };
    });
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        next.start();
        await next.run.catch(() => undefined);
      }
    };
    void first.catch(() => undefined).then(() => Promise.all([worker(), worker(), worker()]));
  }
  return outcomes.get(operation)!;
}

test.each(STEPS)('a failure at %s stops deploy with a clear message, and the next deploy converges', async (operation) => {
  const { faultStatus, failed, again, state, third } = await outcome(operation);
  expect(faultStatus).toBe(201);
  expect(failed.error).toMatchObject({ name: 'UserError', exitCode: 1 });
  expect(failed.error!.message).toMatch(new RegExp(`^AWS refused ${operation}`));

  succeeded(again);
  expect(state).toMatchObject({ memory: 512, aliasVersion: '1', home: 200, sids: ['zap-keep-warm', 'zap-url', 'zap-url-invoke'] });
  expect(state!.targets).toEqual([{ id: 'zap-keep-warm', arn: expect.stringMatching(/:function:FN:live$/), input: '{"zap":"keep_warm","concurrency":2}' }]);

  expect(succeeded(third).changed).toBe(false);
});

test('deploy never changes the artifact it is given', () => {
  expect(given.length).toBeGreaterThan(0);
  for (const { artifact, sha256 } of given) expect(createHash('sha256').update(artifact.zip).digest('hex')).toBe(sha256);
});

test('through the CLI, a refused call exits 1 with that message on stderr', async () => {
  expect(await fault(emulator.endpoint, 'CreateLogGroup')).toBe(201);
  const env = { AWS_ENDPOINT_URL: emulator.endpoint, AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
  const failed = await runZap(['deploy', 'dev'], { cwd: copy.dir, env });
  expect(failed.code).toBe(1);
  expect(failed.stderr).toMatch(/zap: AWS refused CreateLogGroup/);
});
