import {
  CreateAliasCommand, CreateFunctionCommand, DeleteFunctionConcurrencyCommand, GetFunctionConcurrencyCommand, GetFunctionCommand,
  InvalidParameterValueException, InvokeCommand, PublishVersionCommand, PutFunctionConcurrencyCommand,
  ResourceConflictException, TooManyRequestsException,
} from '@aws-sdk/client-lambda';
import { createRole, HANDLER_JS, startHarness, zipOf, type Harness } from './helpers';

let h: Harness;
let role: string;
let zip: Buffer;
const enc = (v: unknown) => Buffer.from(JSON.stringify(v));
const dec = (b?: Uint8Array) => JSON.parse(Buffer.from(b!).toString('utf8'));

beforeAll(async () => {
  h = await startHarness();
  role = await createRole(h);
  zip = await zipOf({ 'index.js': HANDLER_JS });
  await h.lambda.send(new CreateFunctionCommand({ FunctionName: 'fi', Role: role, Runtime: 'nodejs24.x', Handler: 'index.handler', Code: { ZipFile: zip } }));
  await h.lambda.send(new PublishVersionCommand({ FunctionName: 'fi' }));
  await h.lambda.send(new CreateAliasCommand({ FunctionName: 'fi', Name: 'live', FunctionVersion: '1' }));
});
afterAll(() => h.close());

test('RequestResponse: payload, executed version, tail log; the pool gets the spec', async () => {
  const r = await h.lambda.send(new InvokeCommand({ FunctionName: 'fi', Payload: enc({ hi: 1 }), LogType: 'Tail' }));
  expect(r.StatusCode).toBe(200);
  expect(r.ExecutedVersion).toBe('$LATEST');
  expect(dec(r.Payload)).toMatchObject({ echo: { hi: 1 }, arn: 'arn:aws:lambda:us-east-1:000000000000:function:fi' });
  expect(Buffer.from(r.LogResult!, 'base64').toString()).toMatch(/^log of /);
  const spec = h.pool.calls.at(-1)!.spec;
  expect(spec).toMatchObject({ functionName: 'fi', version: '$LATEST', handler: 'index.handler', runtime: 'nodejs24.x', logGroup: '/aws/lambda/fi', accountId: '000000000000' });
});

test('an alias qualifier resolves to its version; the invoked ARN keeps the alias', async () => {
  const r = await h.lambda.send(new InvokeCommand({ FunctionName: 'fi:live', Payload: enc({}) }));
  expect(r.ExecutedVersion).toBe('1');
  expect(dec(r.Payload).arn).toBe('arn:aws:lambda:us-east-1:000000000000:function:fi:live');
  const q = await h.lambda.send(new InvokeCommand({ FunctionName: 'fi', Qualifier: '1', Payload: enc({}) }));
  expect(q.ExecutedVersion).toBe('1');
  await expect(h.lambda.send(new InvokeCommand({ FunctionName: 'fi:live', Qualifier: '1' }))).rejects.toBeInstanceOf(InvalidParameterValueException);
});

test('function errors come back as X-Amz-Function-Error with status 200', async () => {
  const r = await h.lambda.send(new InvokeCommand({ FunctionName: 'fi', Payload: enc({ fail: true }) }));
  expect(r.StatusCode).toBe(200);
  expect(r.FunctionError).toBe('Unhandled');
  expect(dec(r.Payload).errorMessage).toBe('boom');
});

test('Event → 202 and runs later; DryRun → 204 and runs never', async () => {
  const before = h.pool.calls.length;
  const e = await h.lambda.send(new InvokeCommand({ FunctionName: 'fi', InvocationType: 'Event', Payload: enc({ async: true }) }));
  expect(e.StatusCode).toBe(202);
  const d = await h.lambda.send(new InvokeCommand({ FunctionName: 'fi', InvocationType: 'DryRun' }));
  expect(d.StatusCode).toBe(204);
  for (let i = 0; i < 100 && h.pool.calls.length === before; i++) await new Promise((r) => setTimeout(r, 10));
  expect(h.pool.calls.length).toBe(before + 1);
  expect(h.pool.calls.at(-1)!.payload).toEqual({ async: true });
});

// AWS answers "RequestEntityTooLargeException: Request must be smaller than 6291456 bytes for the
// InvokeFunction operation" (a code the SDK has no class for, so it is matched by name).
test('payloads over 6 MB are RequestEntityTooLargeException', async () => {
  const big = Buffer.from(JSON.stringify({ x: 'a'.repeat(6 * 1024 * 1024) }));
  const err = await h.lambda.send(new InvokeCommand({ FunctionName: 'fi', Payload: big })).catch((x) => x);
  expect(err.name).toBe('RequestEntityTooLargeException');
  expect(err.message).toBe('Request must be smaller than 6291456 bytes for the InvokeFunction operation');
  expect(err.$metadata.httpStatusCode).toBe(413);
});

test('reserved concurrency: put/get/delete, and 429 when reached', async () => {
  await h.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'fi', ReservedConcurrentExecutions: 2 }));
  expect((await h.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'fi' }))).ReservedConcurrentExecutions).toBe(2);
  expect((await h.lambda.send(new GetFunctionCommand({ FunctionName: 'fi' }))).Concurrency?.ReservedConcurrentExecutions).toBe(2);
  h.pool.busy = 2;
  const err = await h.lambda.send(new InvokeCommand({ FunctionName: 'fi' })).catch((x) => x);
  h.pool.busy = 0;
  expect(err).toBeInstanceOf(TooManyRequestsException);
  expect(err.Reason).toBe('ReservedFunctionConcurrentInvocationLimitExceeded');
  await expect(h.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'fi', ReservedConcurrentExecutions: 950 }))).rejects.toBeInstanceOf(InvalidParameterValueException);
  await h.lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: 'fi' }));
  expect((await h.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'fi' }))).ReservedConcurrentExecutions).toBeUndefined();
});

test('invoking a Pending function is a ResourceConflictException', async () => {
  const slow = await startHarness({ delays: { roleAssumableMs: 0, functionPendingMs: 5000, updateInProgressMs: 0 } });
  try {
    const r = await createRole(slow);
    await slow.lambda.send(new CreateFunctionCommand({ FunctionName: 'p', Role: r, Runtime: 'nodejs24.x', Handler: 'index.handler', Code: { ZipFile: zip } }));
    await expect(slow.lambda.send(new InvokeCommand({ FunctionName: 'p' }))).rejects.toBeInstanceOf(ResourceConflictException);
  } finally {
    await slow.close();
  }
});
