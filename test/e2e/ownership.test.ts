import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateFunctionCommand, GetFunctionConfigurationCommand, LambdaClient, ListVersionsByFunctionCommand } from '@aws-sdk/client-lambda';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { zipOf } from '../emulator/api/helpers';
import { UNTHROTTLED, deploySampleApp, type DeployedStage } from '../helpers/deployed';
import { succeeded } from '../helpers/in-process';
import { zapInProcess } from '../helpers/stage-zap';

jest.setTimeout(240_000);

let stage: DeployedStage;
let project: string;
const clients = () => {
  const cfg = { region: 'eu-west-1', endpoint: stage.emulator.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  return { lambda: new LambdaClient(cfg), iam: new IAMClient(cfg) };
};

beforeAll(async () => {
  stage = await deploySampleApp({ deploy: false, emulator: { resources: UNTHROTTLED } });
  project = JSON.parse(readFileSync(join(stage.dir, 'zap.json'), 'utf8')).dev.project_name;
});
afterAll(async () => {
  await stage?.close();
});

test('a function of the same name that zap did not make is refused, not adopted, and left as it was', async () => {
  const { lambda, iam } = clients();
  const role = await iam.send(new CreateRoleCommand({ RoleName: 'someone-elses-role', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) }));
  await lambda.send(new CreateFunctionCommand({ FunctionName: `${project}-dev`, Runtime: 'nodejs24.x', Handler: 'index.handler', Role: role.Role!.Arn, MemorySize: 256, Code: { ZipFile: await zipOf({ 'index.js': 'exports.handler = async () => "mine";' }) } }));

  const res = await stage.deploy();
  expect(res.error).toMatchObject({ name: 'UserError', exitCode: 1 });
  expect(res.error!.message).toMatch(new RegExp(`a Lambda function named ${project}-dev exists but was not made by zap.*will not adopt it`));
  const after = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: `${project}-dev` }));
  expect(after.MemorySize).toBe(256);
  expect(after.Role).toBe(role.Role!.Arn);
  lambda.destroy();
  iam.destroy();
});

test('versions beyond num_retained_versions are pruned; the live one and its previous never are', async () => {
  // Neither a compile cache nor a second warm container bears on which versions are kept.
  stage.setDev({ project_name: `${project}p`, num_retained_versions: 2, compile_cache: false, keep_warm: 1 });
  const fn = `${project}p-dev`;
  const file = join(stage.dir, 'src/app.ts');
  for (let i = 1; i <= 4; i++) {
    writeFileSync(file, readFileSync(file, 'utf8').replace(/<h1>[^<]*<\/h1>/, `<h1>build ${i}</h1>`));
    succeeded(await stage.deploy());
  }
  const { lambda } = clients();
  const versions = (await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: fn }))).Versions!.map((v) => v.Version).filter((v) => v !== '$LATEST');
  expect(versions).toEqual(['3', '4']);
  const back = await zapInProcess(stage, ['rollback', 'dev']);
  expect(back.stdout).toMatch(/from version 4 to 3/);
  lambda.destroy();
});
