import {
  CreateFunctionCommand, DeleteFunctionCommand, GetFunctionCommand, GetFunctionConfigurationCommand, InvalidParameterValueException,
  ListFunctionsCommand, ResourceConflictException, ResourceNotFoundException, UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand, waitUntilFunctionActiveV2, waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import { createHash } from 'node:crypto';
import { createRole, HANDLER_JS, startHarness, zipOf, type Harness } from './helpers';

let h: Harness;
let role: string;
let zip: Buffer;

beforeAll(async () => {
  h = await startHarness({ delays: { roleAssumableMs: 0, functionPendingMs: 300, updateInProgressMs: 300 } });
  role = await createRole(h);
  zip = await zipOf({ 'index.js': HANDLER_JS });
});
afterAll(() => h.close());

const create = (name: string, extra: Record<string, unknown> = {}) =>
  h.lambda.send(new CreateFunctionCommand({
    FunctionName: name, Role: role, Runtime: 'nodejs24.x', Handler: 'index.handler', Code: { ZipFile: zip }, ...extra,
  }));

test('CreateFunction answers Pending, then the waiter sees Active', async () => {
  const r = await create('fn-a', { Tags: { project: 'zap' }, Environment: { Variables: { AB: '1' } }, MemorySize: 256, Timeout: 10 });
  expect(r.State).toBe('Pending');
  expect(r.StateReasonCode).toBe('Creating');
  expect(r.CodeSha256).toBe(createHash('sha256').update(zip).digest('base64'));
  expect(r.CodeSize).toBe(zip.length);
  expect(r.LastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
  expect(r.FunctionArn).toBe('arn:aws:lambda:us-east-1:000000000000:function:fn-a');
  const w = await waitUntilFunctionActiveV2({ client: h.lambda, maxWaitTime: 10, minDelay: 1, maxDelay: 1 }, { FunctionName: 'fn-a' });
  expect(w.state).toBe('SUCCESS');
  const got = await h.lambda.send(new GetFunctionCommand({ FunctionName: 'fn-a' }));
  expect(got.Configuration?.State).toBe('Active');
  expect(got.Configuration?.Environment?.Variables).toEqual({ AB: '1' });
  expect(got.Configuration?.MemorySize).toBe(256);
  expect(got.Tags).toEqual({ project: 'zap' });
  expect(got.Code?.RepositoryType).toBe('S3');
  const zipBack = Buffer.from(await (await fetch(got.Code!.Location!)).arrayBuffer());
  expect(zipBack.equals(zip)).toBe(true);
});

test('a second CreateFunction with the same name is a conflict', async () => {
  await expect(create('fn-a')).rejects.toBeInstanceOf(ResourceConflictException);
});

test('missing functions are ResourceNotFoundException', async () => {
  const err = await h.lambda.send(new GetFunctionCommand({ FunctionName: 'nope' })).catch((e) => e);
  expect(err).toBeInstanceOf(ResourceNotFoundException);
  expect(err.message).toBe('Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope');
  expect(err.$metadata.httpStatusCode).toBe(404);
  expect(err.$metadata.requestId).toBeTruthy();
});

test('deprecated runtimes and bad zips are refused', async () => {
  await expect(create('fn-old', { Runtime: 'nodejs20.x' })).rejects.toBeInstanceOf(InvalidParameterValueException);
  await expect(create('fn-bad', { Code: { ZipFile: Buffer.from('not a zip') } })).rejects.toBeInstanceOf(InvalidParameterValueException);
  await expect(create('fn-bad', { Timeout: 901 })).rejects.toMatchObject({ name: 'ValidationException' });
});

test('updates go InProgress → Successful; a second update meanwhile conflicts', async () => {
  await create('fn-u');
  await waitUntilFunctionActiveV2({ client: h.lambda, maxWaitTime: 10, minDelay: 1, maxDelay: 1 }, { FunctionName: 'fn-u' });
  const u = await h.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'fn-u', MemorySize: 512 }));
  expect(u.LastUpdateStatus).toBe('InProgress');
  const again = await h.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'fn-u', ZipFile: zip })).catch((e) => e);
  expect(again).toBeInstanceOf(ResourceConflictException);
  expect(again.message).toBe('The operation cannot be performed at this time. An update is in progress for resource: arn:aws:lambda:us-east-1:000000000000:function:fn-u');
  const w = await waitUntilFunctionUpdatedV2({ client: h.lambda, maxWaitTime: 10, minDelay: 1, maxDelay: 1 }, { FunctionName: 'fn-u' });
  expect(w.state).toBe('SUCCESS');
  const zip2 = await zipOf({ 'index.js': HANDLER_JS + '// v2\n' });
  const c = await h.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'fn-u', ZipFile: zip2 }));
  expect(c.CodeSha256).toBe(createHash('sha256').update(zip2).digest('base64'));
  expect(h.pool.retired).toContain('fn-u:$LATEST');
  const cfg = await h.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'fn-u' }));
  expect(cfg.MemorySize).toBe(512);
});

test('ListFunctions pages with Marker/MaxItems', async () => {
  for (const n of ['fn-l1', 'fn-l2', 'fn-l3']) await create(n);
  const names: string[] = [];
  let marker: string | undefined;
  for (let i = 0; i < 20; i++) {
    const r = await h.lambda.send(new ListFunctionsCommand({ MaxItems: 2, Marker: marker }));
    expect(r.Functions!.length).toBeLessThanOrEqual(2);
    names.push(...r.Functions!.map((f) => f.FunctionName!));
    marker = r.NextMarker;
    if (!marker) break;
  }
  expect(names).toEqual(expect.arrayContaining(['fn-a', 'fn-l1', 'fn-l2', 'fn-l3', 'fn-u']));
  expect(new Set(names).size).toBe(names.length);
});

test('DeleteFunction removes it and retires its containers', async () => {
  await create('fn-d');
  await h.lambda.send(new DeleteFunctionCommand({ FunctionName: 'fn-d' }));
  expect(h.pool.retired).toContain('fn-d:*');
  await expect(h.lambda.send(new DeleteFunctionCommand({ FunctionName: 'fn-d' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
});
