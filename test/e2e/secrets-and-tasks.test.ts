// Secrets named in environment_variables and scheduled tasks (zap.json `events`), deployed into the
// emulator in this process: the sample app is packaged once and every deploy reuses that artifact.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { GetRolePolicyCommand } from '@aws-sdk/client-iam';
import { ListRulesCommand } from '@aws-sdk/client-eventbridge';
import { PutParameterCommand, DeleteParameterCommand } from '@aws-sdk/client-ssm';
import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { createClients, type AwsClients } from '../../src/aws/clients';
import { buildArtifact } from '../../src/deploy/artifact';
import type { Artifact } from '../../src/deploy/steps/function';
import { gatherStatus } from '../../src/observe/status';
import { loadStage, type StageSettings } from '../../src/settings';
import { startEmulator, type Emulator } from '../../src/emulator';
import { deployInProcess, succeeded, WRITE_OPERATION } from '../helpers/in-process';
import { httpRequest, NO_DELAYS, UNTHROTTLED, sampleAppCopy } from '../helpers/deployed';
import { runZapInProcess } from '../helpers/cli-in-process';

jest.setTimeout(180_000);

const PASSWORD = 'pw-3f9a-not-in-config';
const API_KEY = 'key-77c1-not-in-config';
// 120×: rate(1 minute) fires every 0.5 s of real time; the keep-warm rule stays out of the way.
const TIME_SCALE = 120;

let emulator: Emulator;
let clients: AwsClients;
let copy: Awaited<ReturnType<typeof sampleAppCopy>>;
let base: StageSettings;
let artifact: Artifact;
let secretArn: string;

const cleanup = { function: 'src/jobs.js#cleanup', expression: 'rate(1 minute)' };
const report = { function: 'src/jobs.js#summarise', expression: 'rate(2 hours)', name: 'nightly-report' };

/** Deploys the artifact $LATEST runs (with the compile cache the first deploy added), as a repackaging would. */
async function deploy(settings: Partial<StageSettings>, plan = false) {
  const run = await deployInProcess(copy.dir, emulator.endpoint, { artifact, plan, settings: { ...base, ...settings } as StageSettings });
  if (run.result) artifact = run.result.artifact;
  return run;
}

beforeAll(async () => {
  emulator = await startEmulator({ region: 'eu-west-1', delays: NO_DELAYS, timeScale: TIME_SCALE, resources: UNTHROTTLED });
  clients = await createClients({ region: 'eu-west-1', endpoint: emulator.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  copy = await sampleAppCopy({
    keep_warm: 1,
    keep_warm_expression: 'rate(1 day)',
    environment_variables: { NODE_ENV: 'production', DB_PASSWORD: 'ssm:/prod/db/password', API_KEY: 'secretsmanager:prod/api-key' },
    events: [cleanup],
  });
  // A route that says whether the secrets arrived, without echoing them.
  const app = join(copy.dir, 'src/app.ts');
  writeFileSync(app, readFileSync(app, 'utf8').replace("app.get('/users/:id'", `app.get('/secret-check', (_req, res) => {\n  res.json({ db: process.env.DB_PASSWORD === ${JSON.stringify(PASSWORD)}, api: process.env.API_KEY === ${JSON.stringify(API_KEY)} });\n});\n\napp.get('/users/:id'`));
  writeFileSync(join(copy.dir, 'src/jobs.js'), [
    "const { findUser } = require('./users');",
    'let runs = 0;',
    'exports.cleanup = async () => ({ removed: 3, runs: ++runs, user: Boolean(findUser), secret: process.env.DB_PASSWORD === ' + JSON.stringify(PASSWORD) + ' });',
    'exports.summarise = () => "summary";',
    '',
  ].join('\n'));
  await (await clients.ssm()).send(new PutParameterCommand({ Name: '/prod/db/password', Value: PASSWORD, Type: 'SecureString' }));
  secretArn = (await (await clients.secrets()).send(new CreateSecretCommand({ Name: 'prod/api-key', SecretString: API_KEY }))).ARN!;
  base = await loadStage(copy.dir, 'dev');
  // Packaged once, with both task functions exported; each test deploys it with other settings.
  artifact = await buildArtifact(copy.dir, base);
});

afterAll(async () => {
  clients?.destroy();
  await emulator?.close();
  copy?.remove();
});

test('a secret reaches process.env of the app and never the function configuration; the role reads exactly those secrets', async () => {
  const result = succeeded(await deploy({}));
  // What the secrets cost each container once, before its app loads: the runtime logs it.
  const readLines = () => {
    const group = emulator.data.logGroups[`/aws/lambda/${result.function}`]!;
    return Object.values(group.streams).flatMap((st) => st.events.map((e) => /zap: 2 secret\(s\) read in (\d+ ms \(\d+) ms/.exec(e.message)?.[1])).filter(Boolean);
  };
  const primed = readLines();
  expect(primed.length).toBeGreaterThan(0);
  const check = await httpRequest(`${result.url!.replace(/\/$/, '')}/secret-check`);
  expect(JSON.parse(check.body.toString())).toEqual({ db: true, api: true });
  // The container prewarm primed served the request: it had read the secrets already, and read none again.
  expect(readLines()).toEqual(primed);
  console.log(`secrets read per container (one GetParameters + one GetSecretValue, in parallel; of it loading the SDK clients): ${primed.map((r) => `${r} ms)`).join(', ')}`);

  const config = await clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: result.function }));
  const text = JSON.stringify(config);
  expect(text).not.toContain(PASSWORD);
  expect(text).not.toContain(API_KEY);
  expect(config.Environment?.Variables?.DB_PASSWORD).toBeUndefined();
  expect(JSON.parse(config.Environment!.Variables!.ZAP_SECRETS!)).toEqual({ DB_PASSWORD: 'ssm:/prod/db/password', API_KEY: 'secretsmanager:prod/api-key' });

  const policy = await clients.iam.send(new GetRolePolicyCommand({ RoleName: `${base.project_name}-dev-role`, PolicyName: 'zap-function' }));
  const doc = JSON.parse(decodeURIComponent(policy.PolicyDocument!));
  console.log(`role policy with secrets on:\n${JSON.stringify(doc, null, 2)}`);
  const account = emulator.accountId;
  expect(doc.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['Logs', 'KeepWarmFanOut', 'SecretsParameters', 'SecretsManager']);
  expect(doc.Statement[2]).toEqual({ Sid: 'SecretsParameters', Effect: 'Allow', Action: 'ssm:GetParameters', Resource: [`arn:aws:ssm:eu-west-1:${account}:parameter/prod/db/password`] });
  expect(doc.Statement[3]).toEqual({ Sid: 'SecretsManager', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [`arn:aws:secretsmanager:eu-west-1:${account}:secret:prod/api-key-??????`] });
  expect(secretArn).toMatch(new RegExp(`^arn:aws:secretsmanager:eu-west-1:${account}:secret:prod/api-key-[A-Za-z0-9]{6}$`));
  expect(JSON.stringify(doc)).not.toMatch(/kms:|"\*"/);

  const again = await deploy({});
  expect(succeeded(again).changes).toEqual([]);
  expect(again.calls.filter((c) => WRITE_OPERATION.test(c))).toEqual([]);
});

test('a scheduled task runs on the emulated schedule and its result shows in status; zap invoke --task runs it now', async () => {
  succeeded(await deploy({}));
  let status = await gatherStatus(clients, base, { since: Date.now() - 60_000 });
  for (let i = 0; i < 40 && !status.tasks?.[0]?.last_run; i++) {
    await new Promise((r) => setTimeout(r, 500));
    status = await gatherStatus(clients, base, { since: Date.now() - 60_000 });
  }
  const task = status.tasks![0]!;
  expect(task).toMatchObject({ name: 'cleanup', schedule: 'rate(1 minute)', state: 'ENABLED' });
  expect(task.last_run).toMatchObject({ ok: true, result: { removed: 3, user: true, secret: true } });

  const env = { AWS_ENDPOINT_URL: emulator.endpoint, AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
  const run = await runZapInProcess(['invoke', 'dev', '--task', 'cleanup', '--json'], { cwd: copy.dir, env });
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout.trim())).toMatchObject({ zap: 'task', task: 'cleanup', ok: true, result: { removed: 3 } });
  const unknown = await runZapInProcess(['invoke', 'dev', '--task', 'nope'], { cwd: copy.dir, env });
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toMatch(/no such task \(tasks in zap.json's "events": cleanup\)/);
});

test('tasks added, changed and removed: one rule each, and a removed task loses its rule', async () => {
  const rules = async () =>
    ((await clients.events.send(new ListRulesCommand({ NamePrefix: `${base.project_name}-dev-task-` }))).Rules ?? []).map((r) => `${r.Name} ${r.ScheduleExpression}`).sort();
  const prefix = `${base.project_name}-dev-task-`;
  succeeded(await deploy({}));
  const plan = succeeded(await deploy({ events: [cleanup, report] }, true));
  expect(plan.changes.filter((c) => c.step === 'tasks').map((c) => c.action)).toEqual([
    `create rule ${prefix}nightly-report: rate(2 hours)`,
    `target live with {"zap":"task","task":"nightly-report"}`,
    `allow rule ${prefix}nightly-report to invoke the function`,
  ]);
  expect(await rules()).toEqual([`${prefix}cleanup rate(1 minute)`]);
  succeeded(await deploy({ events: [cleanup, report] }));
  expect(await rules()).toEqual([`${prefix}cleanup rate(1 minute)`, `${prefix}nightly-report rate(2 hours)`]);
  succeeded(await deploy({ events: [{ ...cleanup, expression: 'rate(3 hours)' }, report] }));
  expect(await rules()).toEqual([`${prefix}cleanup rate(3 hours)`, `${prefix}nightly-report rate(2 hours)`]);
  const same = await deploy({ events: [{ ...cleanup, expression: 'rate(3 hours)' }, report] });
  expect(succeeded(same).changes).toEqual([]);
  succeeded(await deploy({ events: [report] }));
  expect(await rules()).toEqual([`${prefix}nightly-report rate(2 hours)`]);
  succeeded(await deploy({ events: [] }));
  expect(await rules()).toEqual([]);
});

test('a missing parameter fails before any change, naming it; one the deploying credentials cannot see fails the boot check before live moves', async () => {
  const missing = await deploy({ environment_variables: { ...base.environment_variables, DB_PASSWORD: 'ssm:/prod/db/nope' } });
  expect(missing.error).toMatchObject({ exitCode: 2 });
  expect(missing.error!.message).toMatch(/key 'environment_variables.DB_PASSWORD': SSM parameter \/prod\/db\/nope does not exist in eu-west-1/);
  expect(missing.calls.filter((c) => WRITE_OPERATION.test(c))).toEqual([]);

  // The deploying credentials may not read the parameter (AccessDenied): the function's own first start finds it missing.
  const live = (await deploy({})).result!.version;
  await (await clients.ssm()).send(new DeleteParameterCommand({ Name: '/prod/db/password' }));
  emulator.faults.add({ operation: 'GetParameters', error: 'AccessDeniedException', status: 400, count: 1 });
  const changed = await deploy({ environment_variables: { ...base.environment_variables, RELEASE: '2' } });
  expect(changed.error!.message).toMatch(/failed to boot: ZapSecretError: could not read DB_PASSWORD \(ssm:\/prod\/db\/password\): ParameterNotFound/);
  expect(changed.error!.message).toMatch(/alias live still points where it did/);
  expect(changed.stderr).toMatch(/could not check DB_PASSWORD/);
  const { GetAliasCommand } = await import('@aws-sdk/client-lambda');
  expect((await clients.lambda.send(new GetAliasCommand({ FunctionName: `${base.project_name}-dev`, Name: 'live' }))).FunctionVersion).toBe(live);
});

test('undeploy removes the task rules with the rest', async () => {
  await (await clients.ssm()).send(new PutParameterCommand({ Name: '/prod/db/password', Value: PASSWORD, Type: 'SecureString', Overwrite: true }));
  succeeded(await deploy({ events: [cleanup, report] }));
  const { undeploy } = await import('../../src/deploy/undeploy');
  const { createReporter } = await import('../../src/core/output');
  const out = await undeploy(clients, base, { purgeLogs: true, report: createReporter({ json: true }) });
  expect(out.removed).toEqual(expect.arrayContaining([`task rule ${base.project_name}-dev-task-cleanup`, `task rule ${base.project_name}-dev-task-nightly-report`]));
  expect((await clients.events.send(new ListRulesCommand({ NamePrefix: `${base.project_name}-dev` }))).Rules).toEqual([]);
});
