import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetFunctionCommand, GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { DescribeRuleCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { FAST_DELAYS, UNTHROTTLED, deploySampleApp, httpRequest, type DeployedStage } from '../helpers/deployed';
import { WRITE_OPERATION, succeeded } from '../helpers/in-process';
import { zapInProcess } from '../helpers/stage-zap';

jest.setTimeout(240_000);

let stage: DeployedStage;
let fn: string;
const clientConfig = () => ({ region: 'eu-west-1', endpoint: stage.emulator.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });

beforeAll(async () => {
  // Delays on: the first deploy waits out IAM propagation and Lambda's Pending state, as on AWS.
  stage = await deploySampleApp({ emulator: { delays: FAST_DELAYS, resources: UNTHROTTLED } });
  fn = `${JSON.parse(readFileSync(join(stage.dir, 'zap.json'), 'utf8')).dev.project_name}-dev`;
});
afterAll(async () => {
  await stage?.close();
});

const zap = (args: string[]) => zapInProcess(stage, args);
const home = async () => (await httpRequest(stage.url)).body.toString();

function editHomePage(text: string): void {
  const file = join(stage.dir, 'src/app.ts');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/<h1>[^<]*<\/h1>/, `<h1>${text}</h1>`));
}

test('a second deploy with nothing changed makes no AWS write call and says so', async () => {
  const run = await stage.deploy();
  expect(succeeded(run)).toMatchObject({ changed: false, version: '1', alias: 'live' });
  expect(run.calls).toContain('Lambda GetFunction');
  expect(run.calls.filter((c) => WRITE_OPERATION.test(c))).toEqual([]);
});

test('--plan lists what would change and changes nothing', async () => {
  stage.setDev({ memory_size: 1024 });
  const run = await stage.deploy({ plan: true });
  expect(succeeded(run)).toMatchObject({ plan: true, changed: true });
  expect(run.stderr).toMatch(/would update configuration \(MemorySize\)/);
  expect(run.stderr).toMatch(/would publish a new version/);
  expect(run.calls.filter((c) => WRITE_OPERATION.test(c))).toEqual([]);
  const lambda = new LambdaClient(clientConfig());
  expect((await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: fn }))).MemorySize).toBe(512);
  lambda.destroy();
  stage.setDev({ memory_size: 512 });
});

test('update serves the new code at the same URL; rollback brings the old one back', async () => {
  expect(await home()).toContain('Hello from zap-sample-app');
  editHomePage('Hello, version two');
  const result = succeeded(await stage.deploy({ update: true }));
  expect(result).toMatchObject({ url: stage.url, version: '2', alias: 'live' });
  expect(await home()).toContain('Hello, version two');

  const back = await zap(['rollback', 'dev']);
  expect(back.code).toBe(0);
  expect(back.stdout).toMatch(/moved from version 2 to 1/);
  expect(await home()).toContain('Hello from zap-sample-app');
});

test('invoke --path prints the HTTP answer of alias live', async () => {
  const res = await zap(['invoke', 'dev', '--path', '/users/42?fields=name']);
  expect(res.code).toBe(0);
  expect(res.stdout).toMatch(/^HTTP 200/);
  expect(res.stdout).toContain('{"id":"42","name":"Grace Hopper"}');
});

test('undeploy asks first, then removes everything zap made and says what it left', async () => {
  const refused = await zap(['undeploy', 'dev']);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toMatch(/pass --yes/);
  expect((await httpRequest(stage.url)).status).toBe(200);

  const res = await zap(['undeploy', 'dev', '--yes']);
  expect(res.code).toBe(0);
  expect(res.stderr).toMatch(/left\s+log group \/aws\/lambda\/.* --purge-logs/);
  expect(res.stderr).toMatch(/removed\s+Function URL of /);
  const lambda = new LambdaClient(clientConfig());
  const iam = new IAMClient(clientConfig());
  const events = new EventBridgeClient(clientConfig());
  await expect(lambda.send(new GetFunctionCommand({ FunctionName: fn }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  await expect(iam.send(new GetRoleCommand({ RoleName: `${fn}-role` }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  await expect(events.send(new DescribeRuleCommand({ Name: `${fn}-keep-warm` }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  await expect(httpRequest(stage.url)).rejects.toThrow();
  [lambda, iam, events].forEach((c) => c.destroy());
});
