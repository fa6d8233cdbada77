import { PutRuleCommand } from '@aws-sdk/client-eventbridge';
import { GetRoleCommand, NoSuchEntityException } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, ListFunctionsCommand, ServiceException } from '@aws-sdk/client-lambda';
import { createRole, HANDLER_JS, startHarness, zipOf, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const zap = (path: string, init?: RequestInit) => fetch(`${h.emu.endpoint}/_zap/${path}`, init);
const healthy = async () => expect((await zap('health')).status).toBe(200);

describe('faults', () => {
  afterEach(() => zap('faults', { method: 'DELETE' }));

  test('the named operation fails with the given AWS error for its next `count` calls', async () => {
    const role = await createRole(h);
    const post = await zap('faults', { method: 'POST', body: JSON.stringify({ operation: 'CreateFunction', error: 'ServiceException', status: 500, message: 'try later', count: 2 }) });
    expect(post.status).toBe(201);
    expect((await (await zap('faults')).json()).faults).toEqual([{ operation: 'CreateFunction', error: 'ServiceException', status: 500, message: 'try later', count: 2 }]);
    const input = { FunctionName: 'ff', Role: role, Runtime: 'nodejs24.x' as const, Handler: 'index.handler', Code: { ZipFile: await zipOf({ 'index.js': HANDLER_JS }) } };
    for (let i = 0; i < 2; i++) {
      const err = await h.lambda.send(new CreateFunctionCommand(input)).catch((e) => e);
      expect(err).toBeInstanceOf(ServiceException);
      expect(err.message).toBe('try later');
      expect(err.$metadata.httpStatusCode).toBe(500);
    }
    expect((await h.lambda.send(new CreateFunctionCommand(input))).FunctionName).toBe('ff');
    expect((await (await zap('faults')).json()).faults).toEqual([]);
  });

  test('faults reach IAM (query) and EventBridge (JSON 1.1) too', async () => {
    await createRole(h, 'exists');
    await zap('faults', { method: 'POST', body: JSON.stringify({ operation: 'GetRole', error: 'NoSuchEntity', status: 404 }) });
    await expect(h.iam.send(new GetRoleCommand({ RoleName: 'exists' }))).rejects.toBeInstanceOf(NoSuchEntityException);
    await zap('faults', { method: 'POST', body: JSON.stringify({ operation: 'PutRule', error: 'ConcurrentModificationException', status: 400 }) });
    const err = await h.events.send(new PutRuleCommand({ Name: 'r', ScheduleExpression: 'rate(1 minute)' })).catch((e) => e);
    expect(err.name).toBe('ConcurrentModificationException');
    expect((await h.iam.send(new GetRoleCommand({ RoleName: 'exists' }))).Role?.RoleName).toBe('exists');
  });

  test('a malformed fault is refused; DELETE clears pending faults', async () => {
    expect((await zap('faults', { method: 'POST', body: JSON.stringify({ operation: 'X', status: 200 }) })).status).toBe(400);
    expect((await zap('faults', { method: 'POST', body: '{nope' })).status).toBe(400);
    await zap('faults', { method: 'POST', body: JSON.stringify({ operation: 'ListFunctions', error: 'ServiceException', count: 5 }) });
    await zap('faults', { method: 'DELETE' });
    expect((await h.lambda.send(new ListFunctionsCommand({}))).Functions).toBeDefined();
  });
});

describe('bad requests: AWS errors, and the emulator keeps serving', () => {
  const raw = (path: string, init: RequestInit) => fetch(`${h.emu.endpoint}${path}`, init);

  test('Lambda: malformed JSON, unknown path, out-of-range MaxItems', async () => {
    const r = await raw('/2015-03-31/functions', { method: 'POST', body: '{bad', headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(400);
    expect(r.headers.get('x-amzn-errortype')).toBe('InvalidRequestContentException');
    expect(r.headers.get('x-amzn-requestid')).toBeTruthy();
    expect(await r.json()).toMatchObject({ Type: 'User', Message: expect.any(String) });
    const u = await raw('/2015-03-31/nothing', { method: 'GET' });
    expect(u.status).toBe(404);
    const m = await raw('/2015-03-31/functions?MaxItems=0', { method: 'GET' });
    expect(m.status).toBe(400);
    expect(m.headers.get('x-amzn-errortype')).toBe('ValidationException');
    const missing = await raw('/2015-03-31/functions', { method: 'POST', body: '{}' });
    expect(missing.headers.get('x-amzn-errortype')).toBe('ValidationException');
    await healthy();
  });

  test('JSON 1.1: unknown operation, malformed body, oversized body', async () => {
    const headers = { 'x-amz-target': 'AWSEvents.Nope', 'content-type': 'application/x-amz-json-1.1' };
    const u = await raw('/', { method: 'POST', headers, body: '{}' });
    expect(u.status).toBe(400);
    expect((await u.json()).__type).toBe('UnknownOperationException');
    const bad = await raw('/', { method: 'POST', headers: { ...headers, 'x-amz-target': 'Logs_20140328.DescribeLogGroups' }, body: '[1' });
    expect((await bad.json()).__type).toBe('SerializationException');
    const big = await raw('/', { method: 'POST', headers: { ...headers, 'x-amz-target': 'AWSEvents.PutRule' }, body: 'x'.repeat(11 * 1024 * 1024) });
    expect(big.status).toBe(413);
    expect((await big.json()).__type).toBe('RequestEntityTooLargeException');
    await healthy();
  });

  test('query: unknown action, missing action, malformed query string', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const u = await raw('/', { method: 'POST', headers: form, body: 'Action=DoThings&Version=2010-05-08' });
    expect(u.status).toBe(400);
    const text = await u.text();
    expect(text).toMatch(/<ErrorResponse><Error><Type>Sender<\/Type><Code>InvalidAction<\/Code>/);
    expect(text).toMatch(/<RequestId>[0-9a-f-]+<\/RequestId>/);
    expect(await (await raw('/', { method: 'POST', headers: form, body: 'Version=2010-05-08' })).text()).toMatch(/MissingAction/);
    expect(await (await raw('/', { method: 'POST', headers: form, body: '%%%' })).text()).toMatch(/MalformedQueryString/);
    const missing = await raw('/', { method: 'POST', headers: form, body: 'Action=GetRole&Version=2010-05-08' });
    expect(await missing.text()).toMatch(/<Code>ValidationError<\/Code>/);
    await healthy();
  });

  test('unknown /_zap/ paths are 404 and never reach AWS routing', async () => {
    expect((await zap('nope')).status).toBe(404);
    expect((await zap('containers')).status).toBe(200);
    expect(await (await zap('containers')).json()).toEqual([]);
  });
});
