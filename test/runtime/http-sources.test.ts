/** Each HTTP front door's real event shape, through the built artifact in a fresh Node 24 process. */
import { buildArtifact, type Artifact } from '../helpers/artifact';
import { ArtifactProcess } from '../helpers/artifact-process';
import { functionUrlEvent } from '../helpers/artifact-client';

let artifact: Artifact;
let container: ArtifactProcess;

beforeAll(async () => {
  artifact = await buildArtifact();
  container = await new ArtifactProcess(artifact.dir).whenReady();
});
afterAll(async () => {
  await container?.close();
  artifact?.cleanup();
});

function restApiV1Event(method: string, path: string, query: Record<string, string[]> | null, headers: Record<string, string[]>, body?: Buffer) {
  const single = (m: Record<string, string[]> | null) => (m ? Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v[v.length - 1]!])) : null);
  return {
    resource: '/{proxy+}',
    path,
    httpMethod: method,
    headers: single(headers),
    multiValueHeaders: headers,
    queryStringParameters: single(query),
    multiValueQueryStringParameters: query,
    pathParameters: { proxy: path.slice(1) },
    stageVariables: null,
    requestContext: {
      resourcePath: '/{proxy+}',
      httpMethod: method,
      path: `/prod${path}`,
      stage: 'prod',
      requestId: 'v1-req',
      identity: { sourceIp: '203.0.113.9', userAgent: 'zap-test' },
      accountId: '123456789012',
      apiId: 'api123',
    },
    body: body ? body.toString('base64') : null,
    isBase64Encoded: Boolean(body),
  };
}

function albEvent(method: string, path: string, multi: boolean, query: Record<string, string[]>, headers: Record<string, string[]>, body?: string) {
  const base = {
    requestContext: { elb: { targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/zap/abc' } },
    httpMethod: method,
    path,
    body: body ?? '',
    isBase64Encoded: false,
  };
  if (multi) return { ...base, multiValueQueryStringParameters: query, multiValueHeaders: headers };
  const single = (m: Record<string, string[]>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v[v.length - 1]!]));
  return { ...base, queryStringParameters: single(query), headers: single(headers) };
}

describe('API Gateway REST API (payload 1.0)', () => {
  test('multi-value query strings and headers reach the app; JSON answers in multiValueHeaders', async () => {
    const { result } = await container.invoke(
      restApiV1Event('GET', '/query', { tag: ['a', 'b'], q: ['x y'] }, { host: ['api.example.com'], accept: ['application/json'] }),
    );
    expect(result.statusCode).toBe(200);
    expect(result.multiValueHeaders['content-type']).toEqual(['application/json; charset=utf-8']);
    expect(JSON.parse(result.body)).toEqual({ query: { tag: ['a', 'b'], q: 'x y' } });
  });

  test('a base64 binary body arrives intact; cookies from the Cookie header are read', async () => {
    const bytes = Buffer.from([0, 255, 128, 10, 13, 0x89]);
    const up = await container.invoke(restApiV1Event('POST', '/upload', null, { 'content-type': ['application/octet-stream'] }, bytes));
    expect(JSON.parse(up.result.body).bytes).toBe(6);
    const c = await container.invoke(restApiV1Event('GET', '/cookies', null, { cookie: ['a=1; b=2'] }));
    expect(JSON.parse(c.result.body)).toEqual({ cookies: { a: '1', b: '2' } });
  });

  test('several Set-Cookie headers come back as a multi-value header; a PNG comes back base64', async () => {
    const login = await container.invoke(restApiV1Event('POST', '/login', null, { host: ['x'] }));
    expect(login.result.multiValueHeaders['set-cookie']).toHaveLength(2);
    const png = await container.invoke(restApiV1Event('GET', '/logo.png', null, { host: ['x'] }));
    expect(png.result.isBase64Encoded).toBe(true);
    expect(Buffer.from(png.result.body, 'base64')[0]).toBe(0x89);
  });
});

describe('HTTP API (payload 2.0)', () => {
  test('cookies arrive from the cookies array; Set-Cookie values go to the cookies field', async () => {
    const read = await container.invoke(functionUrlEvent('GET', '/cookies', { headers: { cookie: 'x=1; y=2' } }));
    expect(JSON.parse(read.result.body)).toEqual({ cookies: { x: '1', y: '2' } });
    const login = await container.invoke({ ...functionUrlEvent('POST', '/login'), routeKey: 'ANY /{proxy+}' });
    expect(login.result.cookies).toHaveLength(2);
    expect(login.result.headers['set-cookie']).toBeUndefined();
  });

  test('a text answer is not base64 encoded; a PNG is', async () => {
    const text = await container.invoke(functionUrlEvent('GET', '/users/1'));
    expect(text.result.isBase64Encoded).toBe(false);
    const png = await container.invoke(functionUrlEvent('GET', '/logo.png'));
    expect(png.result.isBase64Encoded).toBe(true);
  });
});

describe('ALB target group', () => {
  test('with multi-value headers on: repeated query parameters and both Set-Cookie headers', async () => {
    const q = await container.invoke(albEvent('GET', '/query', true, { tag: ['a', 'b'] }, { host: ['alb.example.com'] }));
    expect(q.result.statusCode).toBe(200);
    expect(JSON.parse(q.result.body)).toEqual({ query: { tag: ['a', 'b'] } });
    const login = await container.invoke(albEvent('POST', '/login', true, {}, { host: ['alb.example.com'] }));
    expect(login.result.multiValueHeaders['set-cookie']).toHaveLength(2);
    expect(login.result.headers).toBeUndefined();
  });

  test('with multi-value headers off: single-value headers and URL-encoded query values decoded', async () => {
    const q = await container.invoke(albEvent('GET', '/query', false, { q: ['hello%20world'] }, { host: ['alb.example.com'] }));
    expect(JSON.parse(q.result.body)).toEqual({ query: { q: 'hello world' } });
    expect(q.result.headers['content-type']).toMatch(/^application\/json/);
    const post = await container.invoke(albEvent('POST', '/echo', false, {}, { 'content-type': ['application/json'] }, '{"a":1}'));
    expect(post.result.statusCode).toBe(201);
  });

  test('an unmatched route answers 404', async () => {
    const r = await container.invoke(albEvent('GET', '/missing', true, {}, { host: ['alb.example.com'] }));
    expect(r.result.statusCode).toBe(404);
  });
});

describe('what the handler is', () => {
  test('an async function of exactly two arguments (Node 24 refuses callback handlers)', () => {
    expect(container.arity).toBe(2);
    expect(container.kind).toBe('AsyncFunction');
  });

  test('an event no front door sends → a clear error naming what was received and what is accepted; the container keeps serving', async () => {
    const bad = await container.invoke({ Records: [{ eventSource: 'aws:sqs', body: 'x' }] });
    expect(bad.error?.message).toMatch(/cannot handle this event \(an object with keys Records\)/);
    expect(bad.error?.message).toMatch(/API Gateway REST API.*HTTP API.*Function URL.*ALB.*keep_warm/);
    const odd = await container.invoke('just a string');
    expect(odd.error?.message).toMatch(/a string/);
    const ok = await container.invoke(functionUrlEvent('GET', '/'));
    expect(ok.result.statusCode).toBe(200);
  });
});
