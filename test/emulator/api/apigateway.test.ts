import {
  ApiGatewayV2Client, BadRequestException, CreateApiCommand, DeleteApiCommand, GetApiCommand, GetApisCommand, GetIntegrationsCommand,
  GetRoutesCommand, GetStagesCommand, GetTagsCommand, NotFoundException, TagResourceCommand, UntagResourceCommand,
} from '@aws-sdk/client-apigatewayv2';
import { AddPermissionCommand, CreateAliasCommand, CreateFunctionCommand, PublishVersionCommand, RemovePermissionCommand } from '@aws-sdk/client-lambda';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiGatewayAllowed, executeApiArn, lambdaTargetOf, selectRoute, toApiEvent } from '../../../src/emulator/apigateway/event';
import type { ApiRecord } from '../../../src/emulator/model';
import { createRole, HANDLER_JS, startHarness, zipOf, type Harness } from './helpers';

const ALIAS_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:web:live';
const SOURCE = (apiId: string) => `arn:aws:execute-api:us-east-1:000000000000:${apiId}/*/*`;

let h: Harness;
let apigw: ApiGatewayV2Client;

async function setUpFunction(x: Harness): Promise<void> {
  const role = await createRole(x);
  await x.lambda.send(new CreateFunctionCommand({ FunctionName: 'web', Role: role, Runtime: 'nodejs24.x', Handler: 'index.handler', Code: { ZipFile: await zipOf({ 'index.js': HANDLER_JS }) } }));
  await x.lambda.send(new PublishVersionCommand({ FunctionName: 'web' }));
  await x.lambda.send(new CreateAliasCommand({ FunctionName: 'web', Name: 'live', FunctionVersion: '1' }));
}

const clientFor = (x: Harness) =>
  new ApiGatewayV2Client({ endpoint: x.emu.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });

const allow = (x: Harness, apiId: string, sid = 'apigw') =>
  x.lambda.send(new AddPermissionCommand({ FunctionName: 'web', Qualifier: 'live', StatementId: sid, Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com', SourceArn: SOURCE(apiId) }));

beforeAll(async () => {
  h = await startHarness();
  apigw = clientFor(h);
  await setUpFunction(h);
});
afterAll(async () => {
  apigw?.destroy();
  await h?.close();
});

test('quick create: an AWS_PROXY integration (payload 2.0), the $default route and the auto-deployed $default stage', async () => {
  const api = await apigw.send(new CreateApiCommand({ Name: 'web', ProtocolType: 'HTTP', Target: ALIAS_ARN, Tags: { 'zap:project': 'p' } }));
  expect(api).toMatchObject({ Name: 'web', ProtocolType: 'HTTP', Tags: { 'zap:project': 'p' }, RouteSelectionExpression: '$request.method $request.path' });
  expect(api.ApiId).toMatch(/^[a-z0-9]{10}$/);
  expect(api.ApiEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(api.CreatedDate).toBeInstanceOf(Date);
  const id = api.ApiId!;
  expect(await apigw.send(new GetApiCommand({ ApiId: id }))).toMatchObject({ ApiId: id, ApiEndpoint: api.ApiEndpoint, Name: 'web' });

  const integrations = (await apigw.send(new GetIntegrationsCommand({ ApiId: id }))).Items!;
  expect(integrations).toEqual([expect.objectContaining({ IntegrationType: 'AWS_PROXY', IntegrationUri: ALIAS_ARN, PayloadFormatVersion: '2.0', IntegrationMethod: 'POST' })]);
  const routes = (await apigw.send(new GetRoutesCommand({ ApiId: id }))).Items!;
  expect(routes).toEqual([expect.objectContaining({ RouteKey: '$default', Target: `integrations/${integrations[0].IntegrationId}` })]);
  const stages = (await apigw.send(new GetStagesCommand({ ApiId: id }))).Items!;
  expect(stages).toEqual([expect.objectContaining({ StageName: '$default', AutoDeploy: true })]);
  await apigw.send(new DeleteApiCommand({ ApiId: id }));
});

test('GetApis pages with nextToken; tags through TagResource, GetTags and UntagResource', async () => {
  const ids: string[] = [];
  for (const name of ['a', 'b', 'c']) ids.push((await apigw.send(new CreateApiCommand({ Name: name, ProtocolType: 'HTTP' }))).ApiId!);
  const seen: string[] = [];
  let token: string | undefined;
  for (let i = 0; i < 10; i++) {
    const out = await apigw.send(new GetApisCommand({ MaxResults: '2', NextToken: token }));
    seen.push(...out.Items!.map((a) => a.Name!));
    token = out.NextToken;
    if (!token) break;
  }
  expect(seen).toEqual(['a', 'b', 'c']);
  const arn = `arn:aws:apigateway:us-east-1::/apis/${ids[0]}`;
  await apigw.send(new TagResourceCommand({ ResourceArn: arn, Tags: { k: 'v', gone: 'x' } }));
  await apigw.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['gone'] }));
  expect((await apigw.send(new GetTagsCommand({ ResourceArn: arn }))).Tags).toEqual({ k: 'v' });
  expect((await apigw.send(new GetApisCommand({}))).Items!.find((a) => a.ApiId === ids[0])?.Tags).toEqual({ k: 'v' });
  for (const id of ids) await apigw.send(new DeleteApiCommand({ ApiId: id }));
});

test('unknown ids are NotFoundException; bad input is BadRequestException', async () => {
  await expect(apigw.send(new GetApiCommand({ ApiId: 'nope123456' }))).rejects.toBeInstanceOf(NotFoundException);
  await expect(apigw.send(new DeleteApiCommand({ ApiId: 'nope123456' }))).rejects.toThrow(/Invalid API identifier specified 000000000000:nope123456/);
  await expect(apigw.send(new GetRoutesCommand({ ApiId: 'nope123456' }))).rejects.toBeInstanceOf(NotFoundException);
  await expect(apigw.send(new CreateApiCommand({ Name: 'x', ProtocolType: 'HTTP', Target: 'https://example.com' }))).rejects.toBeInstanceOf(BadRequestException);
});

test('without a permission for apigateway.amazonaws.com from this API, the endpoint answers 500; with it, the alias serves', async () => {
  const api = await apigw.send(new CreateApiCommand({ Name: 'web', ProtocolType: 'HTTP', Target: ALIAS_ARN }));
  const calls = h.pool.calls.length;
  const denied = await fetch(`${api.ApiEndpoint}/`);
  expect(denied.status).toBe(500);
  expect(await denied.json()).toEqual({ message: 'Internal Server Error' });
  await allow(h, 'otherapi00', 'other');
  expect((await fetch(`${api.ApiEndpoint}/`)).status).toBe(500);
  expect(h.pool.calls.length).toBe(calls);

  await allow(h, api.ApiId!);
  const ok = await fetch(`${api.ApiEndpoint}/hello?x=1`);
  expect(ok.status).toBe(200);
  expect(ok.headers.get('apigw-requestid')).toBeTruthy();
  const call = h.pool.calls.at(-1)!;
  expect(call.opts.invokedFunctionArn).toBe(ALIAS_ARN);
  expect(call.payload).toMatchObject({
    version: '2.0', routeKey: '$default', rawPath: '/hello', rawQueryString: 'x=1',
    requestContext: { apiId: api.ApiId, stage: '$default', routeKey: '$default', accountId: '000000000000', domainName: new URL(api.ApiEndpoint!).host, domainPrefix: api.ApiId, http: { method: 'GET', path: '/hello' } },
  });
  await h.lambda.send(new RemovePermissionCommand({ FunctionName: 'web', Qualifier: 'live', StatementId: 'apigw' }));
  await h.lambda.send(new RemovePermissionCommand({ FunctionName: 'web', Qualifier: 'live', StatementId: 'other' }));
  await apigw.send(new DeleteApiCommand({ ApiId: api.ApiId! }));
  await expect(fetch(`${api.ApiEndpoint}/`)).rejects.toThrow();
});

test('request and response round trip: cookies, repeated query values, base64 bodies both ways; a function error is 500', async () => {
  const api = await apigw.send(new CreateApiCommand({ Name: 'web', ProtocolType: 'HTTP', Target: ALIAS_ARN }));
  await allow(h, api.ApiId!);
  h.pool.respond = (event) => ({
    statusCode: 201,
    headers: { 'X-Seen': event.rawPath, 'Content-Type': 'application/octet-stream' },
    cookies: ['a=1; Path=/', 'b=2'],
    body: Buffer.from([0, 1, 2, 255]).toString('base64'),
    isBase64Encoded: true,
  });
  try {
    const res = await fetch(`${api.ApiEndpoint}/p/q?x=1&x=2`, { method: 'POST', headers: { cookie: 'c1=v1; c2=v2', 'content-type': 'image/png' }, body: Buffer.from([9, 8, 7]) });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-seen')).toBe('/p/q');
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2']);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from([0, 1, 2, 255]));
    expect(h.pool.calls.at(-1)!.payload).toMatchObject({
      cookies: ['c1=v1', 'c2=v2'], queryStringParameters: { x: '1,2' }, isBase64Encoded: true, body: Buffer.from([9, 8, 7]).toString('base64'),
    });
    h.pool.respond = () => 'plain';
    const plain = await fetch(`${api.ApiEndpoint}/`);
    expect([plain.status, plain.headers.get('content-type'), await plain.text()]).toEqual([200, 'application/json', 'plain']);
    h.pool.failAll = true;
    const failed = await fetch(`${api.ApiEndpoint}/`);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ message: 'Internal Server Error' });
  } finally {
    h.pool.respond = undefined;
    h.pool.failAll = false;
    await h.lambda.send(new RemovePermissionCommand({ FunctionName: 'web', Qualifier: 'live', StatementId: 'apigw' }));
    await apigw.send(new DeleteApiCommand({ ApiId: api.ApiId! }));
  }
});

test('with a state dir, an API survives a restart and serves on its old port', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zap-emu-apigw-'));
  try {
    const a = await startHarness({ stateDir: dir });
    const ca = clientFor(a);
    let endpoint: string;
    try {
      await setUpFunction(a);
      const api = await ca.send(new CreateApiCommand({ Name: 'web', ProtocolType: 'HTTP', Target: ALIAS_ARN }));
      endpoint = api.ApiEndpoint!;
      await allow(a, api.ApiId!);
    } finally {
      ca.destroy();
      await a.close();
    }
    const b = await startHarness({ stateDir: dir });
    const cb = clientFor(b);
    try {
      expect((await cb.send(new GetApisCommand({}))).Items!.map((x) => x.ApiEndpoint)).toEqual([endpoint]);
      expect((await fetch(`${endpoint}/`)).status).toBe(200);
    } finally {
      cb.destroy();
      await b.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('pure pieces', () => {
  const api = (routes: string[]): ApiRecord => ({
    apiId: 'abc', name: 'n', protocolType: 'HTTP', createdAt: 0, port: 1, tags: {}, integrations: [], stages: [],
    routes: routes.map((routeKey, i) => ({ routeId: String(i), routeKey })),
  });

  test('selectRoute: exact key, then ANY, then $default', () => {
    const a = api(['$default', 'ANY /x', 'GET /x']);
    expect(selectRoute(a, 'GET', '/x')?.routeKey).toBe('GET /x');
    expect(selectRoute(a, 'POST', '/x')?.routeKey).toBe('ANY /x');
    expect(selectRoute(a, 'GET', '/y')?.routeKey).toBe('$default');
    expect(selectRoute(api(['GET /x']), 'GET', '/y')).toBeUndefined();
  });

  test('executeApiArn and the permission check', () => {
    const arn = executeApiArn('eu-west-1', '123456789012', 'abc', '$default', '$default');
    expect(arn).toBe('arn:aws:execute-api:eu-west-1:123456789012:abc/$default/$default');
    expect(executeApiArn('eu-west-1', '1', 'abc', '$default', 'GET /a/b')).toBe('arn:aws:execute-api:eu-west-1:1:abc/$default/GET/a/b');
    const st = (cond?: object) => [{ Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'lambda:InvokeFunction', ...(cond ? { Condition: cond } : {}) }];
    expect(apiGatewayAllowed(st({ ArnLike: { 'AWS:SourceArn': 'arn:aws:execute-api:eu-west-1:123456789012:abc/*/*' } }), arn)).toBe(true);
    expect(apiGatewayAllowed(st({ ArnLike: { 'AWS:SourceArn': 'arn:aws:execute-api:eu-west-1:123456789012:xyz/*/*' } }), arn)).toBe(false);
    expect(apiGatewayAllowed(st(), arn)).toBe(true);
    expect(apiGatewayAllowed([{ ...st()[0], Principal: { Service: 'events.amazonaws.com' } }], arn)).toBe(false);
  });

  test('lambdaTargetOf: a function ARN or the …/invocations URI', () => {
    expect(lambdaTargetOf(ALIAS_ARN)).toEqual({ name: 'web', qualifier: 'live' });
    expect(lambdaTargetOf(`arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${ALIAS_ARN}/invocations`)).toEqual({ name: 'web', qualifier: 'live' });
  });

  test('toApiEvent sets what API Gateway sets', () => {
    const e = toApiEvent(
      { method: 'GET', url: '/a?b=1', headers: { host: 'h:1' }, body: Buffer.alloc(0), sourceIp: '127.0.0.1', httpVersion: '1.1' },
      { requestId: 'r', timeEpoch: 0, accountId: '123456789012', apiId: 'abc', stage: '$default', routeKey: '$default' },
    ) as any;
    expect(e).toMatchObject({ version: '2.0', routeKey: '$default', rawPath: '/a', requestContext: { accountId: '123456789012', apiId: 'abc', domainName: 'h:1', stage: '$default', requestId: 'r' } });
  });
});
