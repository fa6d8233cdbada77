import {
  AddPermissionCommand, CreateAliasCommand, CreateFunctionCommand, DeleteAliasCommand, DeleteFunctionCommand, GetAliasCommand,
  GetFunctionConfigurationCommand, GetPolicyCommand, InvalidParameterValueException, ListAliasesCommand, ListTagsCommand,
  ListVersionsByFunctionCommand, PublishVersionCommand, RemovePermissionCommand, ResourceConflictException,
  ResourceNotFoundException, TagResourceCommand, UntagResourceCommand, UpdateAliasCommand, UpdateFunctionCodeCommand,
  waitUntilPublishedVersionActive,
} from '@aws-sdk/client-lambda';
import { createRole, HANDLER_JS, startHarness, zipOf, type Harness } from './helpers';

let h: Harness;
const ARN = 'arn:aws:lambda:us-east-1:000000000000:function:fv';
beforeAll(async () => {
  h = await startHarness({ delays: { roleAssumableMs: 0, functionPendingMs: 200, updateInProgressMs: 0 } });
  const role = await createRole(h);
  await h.lambda.send(new CreateFunctionCommand({
    FunctionName: 'fv', Role: role, Runtime: 'nodejs22.x', Handler: 'index.handler', Code: { ZipFile: await zipOf({ 'index.js': HANDLER_JS }) },
  }));
  await new Promise((r) => setTimeout(r, 250));
});
afterAll(() => h.close());

test('PublishVersion: Pending then Active; no change → the same version; CodeSha256 checked', async () => {
  const v1 = await h.lambda.send(new PublishVersionCommand({ FunctionName: 'fv', Description: 'first' }));
  expect(v1).toMatchObject({ Version: '1', Description: 'first', State: 'Pending', FunctionArn: `${ARN}:1` });
  const w = await waitUntilPublishedVersionActive({ client: h.lambda, maxWaitTime: 10, minDelay: 1, maxDelay: 1 }, { FunctionName: 'fv', Qualifier: '1' });
  expect(w.state).toBe('SUCCESS');
  const same = await h.lambda.send(new PublishVersionCommand({ FunctionName: 'fv' }));
  expect(same.Version).toBe('1');
  await expect(h.lambda.send(new PublishVersionCommand({ FunctionName: 'fv', CodeSha256: 'nope' }))).rejects.toBeInstanceOf(InvalidParameterValueException);
  await h.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'fv', ZipFile: await zipOf({ 'index.js': HANDLER_JS + '//2' }) }));
  const v2 = await h.lambda.send(new PublishVersionCommand({ FunctionName: 'fv' }));
  expect(v2.Version).toBe('2');
  const cfg = await h.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'fv', Qualifier: '1' }));
  expect(cfg.Version).toBe('1');
  await expect(h.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'fv', Qualifier: '9' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
});

test('ListVersionsByFunction pages, $LATEST first', async () => {
  const p1 = await h.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'fv', MaxItems: 2 }));
  expect(p1.Versions!.map((v) => v.Version)).toEqual(['$LATEST', '1']);
  const p2 = await h.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'fv', MaxItems: 2, Marker: p1.NextMarker }));
  expect(p2.Versions!.map((v) => v.Version)).toEqual(['2']);
  expect(p2.NextMarker).toBeUndefined();
});

test('aliases: create, get, update, list, delete; version references block DeleteFunction of that version', async () => {
  const a = await h.lambda.send(new CreateAliasCommand({ FunctionName: 'fv', Name: 'live', FunctionVersion: '1' }));
  expect(a).toMatchObject({ AliasArn: `${ARN}:live`, FunctionVersion: '1' });
  await expect(h.lambda.send(new CreateAliasCommand({ FunctionName: 'fv', Name: 'live', FunctionVersion: '1' }))).rejects.toBeInstanceOf(ResourceConflictException);
  await expect(h.lambda.send(new CreateAliasCommand({ FunctionName: 'fv', Name: 'x', FunctionVersion: '7' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  await h.lambda.send(new CreateAliasCommand({ FunctionName: 'fv', Name: 'old', FunctionVersion: '1' }));
  const u = await h.lambda.send(new UpdateAliasCommand({ FunctionName: 'fv', Name: 'live', FunctionVersion: '2' }));
  expect(u.FunctionVersion).toBe('2');
  expect((await h.lambda.send(new GetAliasCommand({ FunctionName: 'fv', Name: 'live' }))).FunctionVersion).toBe('2');
  await expect(h.lambda.send(new GetAliasCommand({ FunctionName: 'fv', Name: 'none' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  const l1 = await h.lambda.send(new ListAliasesCommand({ FunctionName: 'fv', MaxItems: 1 }));
  expect(l1.Aliases!.map((x) => x.Name)).toEqual(['live']);
  const l2 = await h.lambda.send(new ListAliasesCommand({ FunctionName: 'fv', Marker: l1.NextMarker }));
  expect(l2.Aliases!.map((x) => x.Name)).toEqual(['old']);
  const conf = await h.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'fv', Qualifier: 'live' }));
  expect(conf.Version).toBe('2');
  await expect(h.lambda.send(new DeleteFunctionCommand({ FunctionName: 'fv', Qualifier: '1' }))).rejects.toBeInstanceOf(ResourceConflictException);
  await h.lambda.send(new DeleteAliasCommand({ FunctionName: 'fv', Name: 'old' }));
  await h.lambda.send(new DeleteFunctionCommand({ FunctionName: 'fv', Qualifier: '1' }));
  await expect(h.lambda.send(new DeleteFunctionCommand({ FunctionName: 'fv', Qualifier: '$LATEST' }))).rejects.toBeInstanceOf(InvalidParameterValueException);
});

test('permissions per qualifier, in the shape GetPolicy returns on AWS', async () => {
  const rule = 'arn:aws:events:us-east-1:000000000000:rule/warm';
  const add = await h.lambda.send(new AddPermissionCommand({
    FunctionName: 'fv', Qualifier: 'live', StatementId: 'events', Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', SourceArn: rule,
  }));
  expect(JSON.parse(add.Statement!)).toEqual({
    Sid: 'events', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'lambda:InvokeFunction',
    Resource: `${ARN}:live`, Condition: { ArnLike: { 'AWS:SourceArn': rule } },
  });
  await h.lambda.send(new AddPermissionCommand({ FunctionName: 'fv', Qualifier: 'live', StatementId: 'url', Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: 'NONE' }));
  await h.lambda.send(new AddPermissionCommand({ FunctionName: 'fv', Qualifier: 'live', StatementId: 'via', Action: 'lambda:InvokeFunction', Principal: '*', InvokedViaFunctionUrl: true }));
  const dup = h.lambda.send(new AddPermissionCommand({ FunctionName: 'fv', Qualifier: 'live', StatementId: 'url', Action: 'lambda:InvokeFunctionUrl', Principal: '*' }));
  await expect(dup).rejects.toBeInstanceOf(ResourceConflictException);
  const policy = JSON.parse((await h.lambda.send(new GetPolicyCommand({ FunctionName: 'fv', Qualifier: 'live' }))).Policy!);
  expect(policy).toMatchObject({ Version: '2012-10-17', Id: 'default' });
  expect(policy.Statement.map((s: any) => s.Sid)).toEqual(['events', 'url', 'via']);
  expect(policy.Statement[1].Condition).toEqual({ StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } });
  expect(policy.Statement[2]).toMatchObject({ Principal: '*', Condition: { Bool: { 'lambda:InvokedViaFunctionUrl': 'true' } } });
  await expect(h.lambda.send(new GetPolicyCommand({ FunctionName: 'fv' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  await h.lambda.send(new RemovePermissionCommand({ FunctionName: 'fv', Qualifier: 'live', StatementId: 'via' }));
  await expect(h.lambda.send(new RemovePermissionCommand({ FunctionName: 'fv', Qualifier: 'live', StatementId: 'via' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
});

test('tags on the function ARN', async () => {
  await h.lambda.send(new TagResourceCommand({ Resource: ARN, Tags: { a: '1', b: '2' } }));
  await h.lambda.send(new UntagResourceCommand({ Resource: ARN, TagKeys: ['a'] }));
  expect((await h.lambda.send(new ListTagsCommand({ Resource: ARN }))).Tags).toEqual({ b: '2' });
  await expect(h.lambda.send(new ListTagsCommand({ Resource: `${ARN}x` }))).rejects.toBeInstanceOf(ResourceNotFoundException);
});
