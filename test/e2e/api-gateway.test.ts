import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiGatewayV2Client, CreateApiCommand, GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { GetFunctionCommand, GetFunctionUrlConfigCommand, GetPolicyCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { describeSampleApp } from '../behaviour/sample-app';
import { UNTHROTTLED, deploySampleApp, httpRequest, type DeployedStage } from '../helpers/deployed';
import { WRITE_OPERATION, succeeded } from '../helpers/in-process';
import { zapInProcess } from '../helpers/stage-zap';

jest.setTimeout(240_000);

const writes = (calls: string[]) => calls.filter((c) => WRITE_OPERATION.test(c));

let stage: DeployedStage;
let fn: string;
let project: string;
let lambda: LambdaClient;
let apigw: ApiGatewayV2Client;

beforeAll(async () => {
  stage = await deploySampleApp({ dev: { http: 'api_gateway' }, emulator: { resources: UNTHROTTLED } });
  project = JSON.parse(readFileSync(join(stage.dir, 'zap.json'), 'utf8')).dev.project_name;
  fn = `${project}-dev`;
  const cfg = { region: 'eu-west-1', endpoint: stage.emulator.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  lambda = new LambdaClient(cfg);
  apigw = new ApiGatewayV2Client(cfg);
});
afterAll(async () => {
  lambda?.destroy();
  apigw?.destroy();
  await stage?.close();
});

const apisNamed = async (name: string) => (await apigw.send(new GetApisCommand({}))).Items!.filter((a) => a.Name === name);
const statementIds = async () => {
  try {
    return JSON.parse((await lambda.send(new GetPolicyCommand({ FunctionName: fn, Qualifier: 'live' }))).Policy!).Statement.map((s: { Sid: string }) => s.Sid).sort();
  } catch {
    return [];
  }
};
const zap = (args: string[]) => zapInProcess(stage, args);
const deployJson = async () => {
  const res = succeeded(await stage.deploy());
  return { url: res.url!, changed: res.changed };
};

test('deploy makes an HTTP API onto alias live, tagged, with its permission, and prints its endpoint; no Function URL', async () => {
  const [api, ...more] = await apisNamed(fn);
  expect(more).toEqual([]);
  expect(stage.url).toBe(`${api.ApiEndpoint}/`);
  expect(api.Tags).toMatchObject({ 'zap:project': project, 'zap:stage': 'dev' });
  const policy = JSON.parse((await lambda.send(new GetPolicyCommand({ FunctionName: fn, Qualifier: 'live' }))).Policy!);
  const statement = policy.Statement.find((s: { Sid: string }) => s.Sid === 'zap-api-gateway');
  expect(statement).toMatchObject({ Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'lambda:InvokeFunction' });
  expect(statement.Condition.ArnLike['AWS:SourceArn']).toBe(`arn:aws:execute-api:eu-west-1:000000000000:${api.ApiId}/*/*`);
  expect(await statementIds()).not.toContain('zap-url');
  await expect(lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: fn, Qualifier: 'live' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
});

// The same behaviour suite the artifact passes in-process and through a Function URL, now through the HTTP API.
describeSampleApp('deployed into the emulator, through an API Gateway HTTP API', async () => {
  const base = stage.url.replace(/\/$/, '');
  return { request: (method, path, init) => httpRequest(`${base}${path}`, method, init) };
});

test('a second deploy with nothing changed makes no AWS write call and keeps the URL', async () => {
  const run = await stage.deploy();
  expect(succeeded(run)).toMatchObject({ changed: false, url: stage.url });
  expect(run.calls).toContain('ApiGatewayV2 GetApis');
  expect(writes(run.calls)).toEqual([]);
});

test('zap status shows the API endpoint as the URL', async () => {
  const res = await zap(['status', 'dev', '--json']);
  expect(res.code).toBe(0);
  expect(JSON.parse(res.stdout).function.url).toBe(stage.url);
});

test('switching to function_url removes the API and its permission; the Function URL serves', async () => {
  const oldUrl = stage.url;
  stage.setDev({ http: 'function_url' });
  const plan = await stage.deploy({ plan: true });
  succeeded(plan);
  expect(plan.stderr).toMatch(/would remove HTTP API \w+ \(http: function_url\)/);
  expect(writes(plan.calls)).toEqual([]);

  const out = await deployJson();
  expect(out.url).not.toBe(oldUrl);
  expect(out.url).toBe((await lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: fn, Qualifier: 'live' }))).FunctionUrl);
  expect(await apisNamed(fn)).toEqual([]);
  expect(await statementIds()).toEqual(expect.arrayContaining(['zap-url', 'zap-url-invoke']));
  expect(await statementIds()).not.toContain('zap-api-gateway');
  await expect(httpRequest(oldUrl)).rejects.toThrow();
  const home = await httpRequest(out.url);
  expect(home.status).toBe(200);
  expect(home.body.toString()).toContain('Hello from zap-sample-app');
  stage.url = out.url;
});

test('switching back to api_gateway makes a new API and removes the URL and both of its statements', async () => {
  stage.setDev({ http: 'api_gateway' });
  const out = await deployJson();
  const [api] = await apisNamed(fn);
  expect(out.url).toBe(`${api.ApiEndpoint}/`);
  await expect(lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: fn, Qualifier: 'live' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  expect(await statementIds()).not.toContain('zap-url');
  expect(await statementIds()).not.toContain('zap-url-invoke');
  await expect(httpRequest(stage.url)).rejects.toThrow();
  expect((await httpRequest(out.url)).status).toBe(200);
  stage.url = out.url;
});

test('undeploy removes the API with everything else', async () => {
  const res = await zap(['undeploy', 'dev', '--yes']);
  expect(res.code).toBe(0);
  expect(res.stderr).toMatch(/removed\s+HTTP API \w+/);
  expect(await apisNamed(fn)).toEqual([]);
  await expect(lambda.send(new GetFunctionCommand({ FunctionName: fn }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  await expect(httpRequest(stage.url)).rejects.toThrow();
});

test('an HTTP API of that name that zap did not make is refused, not adopted, and left alone by undeploy', async () => {
  const foreign = await apigw.send(new CreateApiCommand({ Name: fn, ProtocolType: 'HTTP' }));
  const res = await stage.deploy();
  expect(res.error).toMatchObject({ name: 'UserError', exitCode: 1 });
  expect(res.error!.message).toMatch(new RegExp(`an HTTP API named ${fn} \\(${foreign.ApiId}\\) exists but was not made by zap.*will not adopt it`));
  const undeploy = await zap(['undeploy', 'dev', '--yes']);
  expect(undeploy.code).toBe(0);
  expect((await apisNamed(fn)).map((a) => a.ApiId)).toEqual([foreign.ApiId]);
});

test('credentials without API Gateway rights still deploy and undeploy a function_url stage', async () => {
  stage.setDev({ http: 'function_url' });
  const deny = { operation: 'GetApis', error: 'AccessDeniedException', status: 403, message: 'User is not authorized to perform: apigateway:GET', count: 2 };
  await fetch(`${stage.emulator.endpoint}/_zap/faults`, { method: 'POST', body: JSON.stringify(deny) });
  const out = await deployJson();
  expect((await httpRequest(out.url)).status).toBe(200);
  const undeploy = await zap(['undeploy', 'dev', '--yes']);
  expect(undeploy.code).toBe(0);
  expect(stage.emulator.faults.list()).toEqual([]);
});
