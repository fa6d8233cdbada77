// The API side with the real container pool: child processes, the Runtime API, logs.
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import {
  AddPermissionCommand, CreateAliasCommand, CreateFunctionCommand, CreateFunctionUrlConfigCommand, InvokeCommand, PublishVersionCommand,
} from '@aws-sdk/client-lambda';
import { ContainerPool } from '../../../src/emulator/container';
import { createRole, startHarness, zipOf, type Harness } from './helpers';

const SELF_INVOKER = `
const { LambdaClient, InvokeCommand } = require('@aws-sdk/client-lambda');
exports.handler = async (event, context) => {
  if (event.inner) return { inner: true, arn: context.invokedFunctionArn };
  if (event.rawPath) return { statusCode: 200, headers: { 'content-type': 'text/plain' }, cookies: ['k=v'], body: 'path ' + event.rawPath };
  const client = new LambdaClient({});
  const r = await client.send(new InvokeCommand({ FunctionName: context.invokedFunctionArn, Payload: JSON.stringify({ inner: true }) }));
  console.log(JSON.stringify({ zap: 'self_invoke', ok: true }));
  return { outer: true, inner: JSON.parse(Buffer.from(r.Payload).toString()) };
};
`;

let h: Harness;
const ARN = 'arn:aws:lambda:us-east-1:000000000000:function:self';

beforeAll(async () => {
  // Unthrottled CPU: at 128 MB's share (0.07 of a vCPU) each container takes seconds to load the SDK,
  // and these tests are about the API reaching containers; resources.test.ts proves the quota.
  h = await startHarness({ createPool: (o) => new ContainerPool(o), idleTtlSeconds: 60, resources: { cpuLimit: false } });
  const role = await createRole(h);
  await h.lambda.send(new CreateFunctionCommand({
    FunctionName: 'self', Role: role, Runtime: 'nodejs24.x', Handler: 'index.handler', Timeout: 20,
    Code: { ZipFile: await zipOf({ 'index.js': SELF_INVOKER }) },
  }));
  await h.lambda.send(new PublishVersionCommand({ FunctionName: 'self' }));
  await h.lambda.send(new CreateAliasCommand({ FunctionName: 'self', Name: 'live', FunctionVersion: '1' }));
});
afterAll(() => h?.close());

test('a function invokes itself through the SDK from inside its container', async () => {
  const r = await h.lambda.send(new InvokeCommand({ FunctionName: 'self:live', Payload: Buffer.from('{}'), LogType: 'Tail' }));
  expect(r.FunctionError).toBeUndefined();
  expect(JSON.parse(Buffer.from(r.Payload!).toString())).toEqual({ outer: true, inner: { inner: true, arn: `${ARN}:live` } });
  expect(r.ExecutedVersion).toBe('1');
  expect(Buffer.from(r.LogResult!, 'base64').toString()).toMatch(/REPORT RequestId/);
  const containers = (await (await fetch(`${h.emu.endpoint}/_zap/containers`)).json()) as any[];
  expect(containers.length).toBeGreaterThanOrEqual(2);
  expect(containers.every((c) => c.functionName === 'self' && c.version === '1')).toBe(true);
  const logs = await h.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/self', filterPattern: '{ $.zap = "self_invoke" }' }));
  expect(logs.events).toHaveLength(1);
  const starts = await h.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/self', filterPattern: '"START RequestId"' }));
  expect(starts.events!.length).toBe(2);
});

test('a Function URL request runs in a container', async () => {
  await h.lambda.send(new AddPermissionCommand({ FunctionName: 'self', Qualifier: 'live', StatementId: 'u', Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: 'NONE' }));
  await h.lambda.send(new AddPermissionCommand({ FunctionName: 'self', Qualifier: 'live', StatementId: 'v', Action: 'lambda:InvokeFunction', Principal: '*', InvokedViaFunctionUrl: true }));
  const { FunctionUrl } = await h.lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'self', Qualifier: 'live', AuthType: 'NONE' }));
  const res = await fetch(`${FunctionUrl}hello`);
  expect(res.status).toBe(200);
  expect(await res.text()).toBe('path /hello');
  expect(res.headers.getSetCookie()).toEqual(['k=v']);
});

test('a schedule target runs in a container', async () => {
  const rule = 'arn:aws:events:us-east-1:000000000000:rule/self-warm';
  await h.events.send(new PutRuleCommand({ Name: 'self-warm', ScheduleExpression: 'rate(1 hour)' }));
  await h.events.send(new PutTargetsCommand({ Rule: 'self-warm', Targets: [{ Id: 'w', Arn: `${ARN}:live`, Input: '{"inner":true}' }] }));
  await h.lambda.send(new AddPermissionCommand({ FunctionName: 'self', Qualifier: 'live', StatementId: 'ev', Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', SourceArn: rule }));
  const { fired } = (await (await fetch(`${h.emu.endpoint}/_zap/clock`, { method: 'POST', body: '{"rule":"self-warm"}' })).json()) as { fired: any[] };
  expect(fired).toEqual([expect.objectContaining({ invoked: true, result: { inner: true, arn: `${ARN}:live` } })]);
});
