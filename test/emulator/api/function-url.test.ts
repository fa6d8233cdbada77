import {
  AddPermissionCommand, CreateAliasCommand, CreateFunctionCommand, CreateFunctionUrlConfigCommand, DeleteFunctionUrlConfigCommand,
  GetFunctionUrlConfigCommand, ListFunctionUrlConfigsCommand, PublishVersionCommand, ResourceConflictException,
  ResourceNotFoundException, UpdateAliasCommand, UpdateFunctionCodeCommand, UpdateFunctionUrlConfigCommand,
} from '@aws-sdk/client-lambda';
import { createRole, HANDLER_JS, startHarness, zipOf, type Harness } from './helpers';

let h: Harness;
let url: string;

beforeAll(async () => {
  h = await startHarness();
  const role = await createRole(h);
  await h.lambda.send(new CreateFunctionCommand({ FunctionName: 'web', Role: role, Runtime: 'nodejs24.x', Handler: 'index.handler', Code: { ZipFile: await zipOf({ 'index.js': HANDLER_JS }) } }));
  await h.lambda.send(new PublishVersionCommand({ FunctionName: 'web' }));
  await h.lambda.send(new CreateAliasCommand({ FunctionName: 'web', Name: 'live', FunctionVersion: '1' }));
});
afterAll(() => h.close());

test('URL config API: create, conflict, get, update, list', async () => {
  const c = await h.lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'web', Qualifier: 'live', AuthType: 'NONE' }));
  expect(c.FunctionUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  expect(c.FunctionArn).toBe('arn:aws:lambda:us-east-1:000000000000:function:web:live');
  url = c.FunctionUrl!;
  await expect(h.lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'web', Qualifier: 'live', AuthType: 'NONE' }))).rejects.toBeInstanceOf(ResourceConflictException);
  await expect(h.lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: 'web' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  const g = await h.lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: 'web', Qualifier: 'live' }));
  expect(g).toMatchObject({ FunctionUrl: url, AuthType: 'NONE', InvokeMode: 'BUFFERED' });
  const u = await h.lambda.send(new UpdateFunctionUrlConfigCommand({ FunctionName: 'web', Qualifier: 'live', Cors: { AllowOrigins: ['*'] } }));
  expect(u.Cors?.AllowOrigins).toEqual(['*']);
  const l = await h.lambda.send(new ListFunctionUrlConfigsCommand({ FunctionName: 'web' }));
  expect(l.FunctionUrlConfigs?.map((x) => x.FunctionUrl)).toEqual([url]);
});

test('AuthType NONE answers 403 until both statements AWS requires are in the policy', async () => {
  const forbidden = await fetch(url);
  expect(forbidden.status).toBe(403);
  expect((await forbidden.json()).Message).toMatch(/^Forbidden\. For troubleshooting Function URL authorization issues/);
  await h.lambda.send(new AddPermissionCommand({ FunctionName: 'web', Qualifier: 'live', StatementId: 'url', Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: 'NONE' }));
  expect((await fetch(url)).status).toBe(403);
  await h.lambda.send(new AddPermissionCommand({ FunctionName: 'web', Qualifier: 'live', StatementId: 'via', Action: 'lambda:InvokeFunction', Principal: '*', InvokedViaFunctionUrl: true }));
  expect((await fetch(url)).status).toBe(200);
});

test('the request becomes a payload 2.0 event; the structured answer becomes HTTP', async () => {
  h.pool.respond = (event) => ({
    statusCode: 201,
    headers: { 'X-Seen': event.rawPath, 'Content-Type': 'application/octet-stream' },
    cookies: ['a=1; Path=/', 'b=2'],
    body: Buffer.from([0, 1, 2, 255]).toString('base64'),
    isBase64Encoded: true,
  });
  const res = await fetch(`${url}p/q?x=1&x=2&y=3`, {
    method: 'POST', headers: { cookie: 'c1=v1; c2=v2', 'content-type': 'image/png', 'x-multi': 'm' }, body: Buffer.from([9, 8, 7]),
  });
  expect(res.status).toBe(201);
  expect(res.headers.get('x-seen')).toBe('/p/q');
  expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2']);
  expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from([0, 1, 2, 255]));
  const event = h.pool.calls.at(-1)!.payload as any;
  expect(event).toMatchObject({
    version: '2.0', rawPath: '/p/q', rawQueryString: 'x=1&x=2&y=3', cookies: ['c1=v1', 'c2=v2'],
    queryStringParameters: { x: '1,2', y: '3' }, isBase64Encoded: true, body: Buffer.from([9, 8, 7]).toString('base64'),
  });
  expect(event.headers['x-multi']).toBe('m');
  expect(event.headers.cookie).toBeUndefined();
  expect(event.requestContext.http).toMatchObject({ method: 'POST', path: '/p/q', sourceIp: '127.0.0.1' });
  expect(h.pool.calls.at(-1)!.opts.invokedFunctionArn).toBe('arn:aws:lambda:us-east-1:000000000000:function:web:live');
});

test('a non-object answer is a 200 JSON body; a function error is 502', async () => {
  h.pool.respond = () => 'plain';
  const r = await fetch(url);
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toBe('application/json');
  expect(await r.text()).toBe('plain');
  h.pool.respond = undefined;
  const text = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"x":1}' });
  expect(text.status).toBe(200);
  expect((h.pool.calls.at(-1)!.payload as any)).toMatchObject({ body: '{"x":1}', isBase64Encoded: false });
  h.pool.failAll = true;
  const failed = await fetch(url);
  h.pool.failAll = false;
  expect(failed.status).toBe(502);
});

test('moving the alias switches the URL to the new version at once', async () => {
  await h.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'web', ZipFile: await zipOf({ 'index.js': HANDLER_JS + '//2' }) }));
  await h.lambda.send(new PublishVersionCommand({ FunctionName: 'web' }));
  await fetch(url);
  expect(h.pool.calls.at(-1)!.spec.version).toBe('1');
  await h.lambda.send(new UpdateAliasCommand({ FunctionName: 'web', Name: 'live', FunctionVersion: '2' }));
  await fetch(url);
  expect(h.pool.calls.at(-1)!.spec.version).toBe('2');
});

test('CORS: preflights are answered by the URL; responses carry the allowed origin', async () => {
  await h.lambda.send(new UpdateFunctionUrlConfigCommand({ FunctionName: 'web', Qualifier: 'live', Cors: { AllowOrigins: ['https://app.example'], AllowMethods: ['GET', 'POST'], ExposeHeaders: ['x-seen'], MaxAge: 60 } }));
  const before = h.pool.calls.length;
  const pre = await fetch(url, { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' } });
  expect(pre.status).toBe(200);
  expect(pre.headers.get('access-control-allow-origin')).toBe('https://app.example');
  expect(pre.headers.get('access-control-allow-methods')).toBe('GET,POST');
  expect(pre.headers.get('access-control-max-age')).toBe('60');
  expect(h.pool.calls.length).toBe(before);
  const get = await fetch(url, { headers: { origin: 'https://app.example' } });
  expect(get.headers.get('access-control-allow-origin')).toBe('https://app.example');
  expect(get.headers.get('access-control-expose-headers')).toBe('x-seen');
  const other = await fetch(url, { headers: { origin: 'https://evil.example' } });
  expect(other.headers.get('access-control-allow-origin')).toBeNull();
});

test('DeleteFunctionUrlConfig stops the listener', async () => {
  await h.lambda.send(new DeleteFunctionUrlConfigCommand({ FunctionName: 'web', Qualifier: 'live' }));
  await expect(fetch(url)).rejects.toThrow();
  await expect(h.lambda.send(new DeleteFunctionUrlConfigCommand({ FunctionName: 'web', Qualifier: 'live' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
});
