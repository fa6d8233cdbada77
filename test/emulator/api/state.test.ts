import { GetRoleCommand } from '@aws-sdk/client-iam';
import { ListTargetsByRuleCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  AddPermissionCommand, CreateAliasCommand, CreateFunctionCommand, CreateFunctionUrlConfigCommand, GetAliasCommand, GetFunctionUrlConfigCommand,
  GetPolicyCommand, InvokeCommand, ListVersionsByFunctionCommand, PublishVersionCommand,
} from '@aws-sdk/client-lambda';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRole, HANDLER_JS, startHarness, zipOf } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'zap-emu-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('with a state dir, everything survives a restart, the URL keeps its port', async () => {
  const a = await startHarness({ stateDir: dir });
  let url: string;
  try {
    const role = await createRole(a);
    await a.lambda.send(new CreateFunctionCommand({ FunctionName: 's', Role: role, Runtime: 'nodejs24.x', Handler: 'index.handler', Code: { ZipFile: await zipOf({ 'index.js': HANDLER_JS }) } }));
    await a.lambda.send(new PublishVersionCommand({ FunctionName: 's' }));
    await a.lambda.send(new CreateAliasCommand({ FunctionName: 's', Name: 'live', FunctionVersion: '1' }));
    await a.lambda.send(new AddPermissionCommand({ FunctionName: 's', Qualifier: 'live', StatementId: 'x', Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com' }));
    url = (await a.lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 's', Qualifier: 'live', AuthType: 'AWS_IAM' }))).FunctionUrl!;
    await a.events.send(new PutRuleCommand({ Name: 'r', ScheduleExpression: 'rate(5 minutes)' }));
    await a.events.send(new PutTargetsCommand({ Rule: 'r', Targets: [{ Id: 't', Arn: 'arn:aws:lambda:us-east-1:000000000000:function:s:live' }] }));
    await a.lambda.send(new InvokeCommand({ FunctionName: 's:live', Payload: Buffer.from('{"n":1}') }));
  } finally {
    await a.close();
  }
  rmSync(join(dir, 'code', Object.values(a.emu.data.functions.s.versions)[0].codeKey), { recursive: true, force: true });
  const b = await startHarness({ stateDir: dir });
  try {
    expect((await b.iam.send(new GetRoleCommand({ RoleName: 'fn-role' }))).Role?.RoleName).toBe('fn-role');
    expect((await b.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 's' }))).Versions!.map((v) => v.Version)).toEqual(['$LATEST', '1']);
    expect((await b.lambda.send(new GetAliasCommand({ FunctionName: 's', Name: 'live' }))).FunctionVersion).toBe('1');
    expect(JSON.parse((await b.lambda.send(new GetPolicyCommand({ FunctionName: 's', Qualifier: 'live' }))).Policy!).Statement).toHaveLength(1);
    expect((await b.lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: 's', Qualifier: 'live' }))).FunctionUrl).toBe(url);
    expect((await fetch(url)).status).toBe(403);
    expect((await b.events.send(new ListTargetsByRuleCommand({ Rule: 'r' }))).Targets).toHaveLength(1);
    expect((await b.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/s' }))).events!.length).toBeGreaterThan(0);
    const r = await b.lambda.send(new InvokeCommand({ FunctionName: 's:live', Payload: Buffer.from('{"n":2}') }));
    expect(r.ExecutedVersion).toBe('1');
    expect(existsSync(b.pool.calls[0].spec.codeDir)).toBe(true);
  } finally {
    await b.close();
  }
});
