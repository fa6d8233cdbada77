import { nextFire, parseScheduleExpression } from '../../../src/contracts/schedule-expression';
import { parseFunctionName } from '../../../src/emulator/lambda/names';
import { allows, buildStatement, wildcardMatch } from '../../../src/emulator/lambda/policy';
import { publicUrlAllowed } from '../../../src/emulator/url-server';
import { fromUrlResult, isTextContent, toUrlEvent } from '../../../src/contracts/function-url';
import { queryList, queryService, toXml } from '../../../src/emulator/protocol/query-xml';
import { matchRoute } from '../../../src/emulator/protocol/rest-json';

describe('schedule expressions', () => {
  test.each(['rate(1 minute)', 'rate(5 minutes)', 'rate(1 hour)', 'rate(2 days)', 'cron(0 12 * * ? *)', 'cron(0/15 8-17 ? * MON-FRI *)', 'cron(0 0 L * ? *)', 'cron(0 9 ? * 2#1 *)'])('%s is valid', (e) => {
    expect(() => parseScheduleExpression(e)).not.toThrow();
  });
  test.each(['rate(1 minutes)', 'rate(2 minute)', 'rate(0 minutes)', 'rate(-1 minutes)', 'rate(1 seconds)', 'cron(0 12 * * ?)', 'cron(0 12 * * * *)', 'cron(0 12 ? * ? *)', 'cron(61 * * * ? *)', 'cron(0 0 1 FOO ? *)'])('%s is refused', (e) => {
    expect(() => parseScheduleExpression(e)).toThrow('Parameter ScheduleExpression is not valid.');
  });
  const t = (s: string) => Date.parse(s);
  test('rate counts whole periods from its start', () => {
    const s = parseScheduleExpression('rate(5 minutes)');
    expect(nextFire(s, t('2026-01-01T00:00:00Z'), t('2026-01-01T00:00:00Z'))).toBe(t('2026-01-01T00:05:00Z'));
    expect(nextFire(s, t('2026-01-01T00:07:00Z'), t('2026-01-01T00:00:00Z'))).toBe(t('2026-01-01T00:10:00Z'));
  });
  test('cron finds the next matching minute (UTC), weekdays 1=SUN', () => {
    const next = (e: string, after: string) => new Date(nextFire(parseScheduleExpression(e), t(after), 0)).toISOString();
    expect(next('cron(0/15 * * * ? *)', '2026-01-01T00:07:00Z')).toBe('2026-01-01T00:15:00.000Z');
    expect(next('cron(0 12 * * ? *)', '2026-01-01T12:00:00Z')).toBe('2026-01-02T12:00:00.000Z');
    expect(next('cron(30 9 ? * MON *)', '2026-01-01T00:00:00Z')).toBe('2026-01-05T09:30:00.000Z');
    expect(next('cron(0 0 ? * 1 *)', '2026-01-01T00:00:00Z')).toBe('2026-01-04T00:00:00.000Z');
    expect(next('cron(0 0 L 2 ? *)', '2026-01-01T00:00:00Z')).toBe('2026-02-28T00:00:00.000Z');
    expect(next('cron(0 0 1 1 ? 2027)', '2026-03-01T00:00:00Z')).toBe('2027-01-01T00:00:00.000Z');
    expect(nextFire(parseScheduleExpression('cron(0 0 1 1 ? 2020)'), t('2026-01-01T00:00:00Z'), 0)).toBe(Infinity);
  });
});

describe('function names', () => {
  test.each([
    ['f', undefined, { name: 'f' }],
    ['f:live', undefined, { name: 'f', qualifier: 'live' }],
    ['f', '3', { name: 'f', qualifier: '3' }],
    ['arn:aws:lambda:us-east-1:000000000000:function:f', undefined, { name: 'f' }],
    ['arn:aws:lambda:us-east-1:000000000000:function:f:$LATEST', undefined, { name: 'f', qualifier: '$LATEST' }],
    ['000000000000:function:f:live', undefined, { name: 'f', qualifier: 'live' }],
  ])('%s (qualifier %s)', (raw, q, expected) => {
    expect(parseFunctionName(raw, q)).toEqual({ qualifier: undefined, ...expected });
  });
  test('bad names and mismatched qualifiers', () => {
    expect(() => parseFunctionName('a b')).toThrow(/validation error/);
    expect(() => parseFunctionName('f:1', '2')).toThrow('The derived qualifier from the function name does not match the specified qualifier.');
  });
});

describe('policies', () => {
  const url = buildStatement({ StatementId: 'u', Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: 'NONE' }, 'arn:x');
  const via = buildStatement({ StatementId: 'v', Action: 'lambda:InvokeFunction', Principal: '*', InvokedViaFunctionUrl: true }, 'arn:x');
  test('a public URL needs both statements', () => {
    expect(publicUrlAllowed([url])).toBe(false);
    expect(publicUrlAllowed([via])).toBe(false);
    expect(publicUrlAllowed([url, via])).toBe(true);
    const otherAuth = buildStatement({ StatementId: 'u', Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: 'AWS_IAM' }, 'arn:x');
    expect(publicUrlAllowed([otherAuth, via])).toBe(false);
  });
  test('events principal with SourceArn, wildcards', () => {
    const s = buildStatement({ StatementId: 'e', Action: 'InvokeFunction', Principal: 'events.amazonaws.com', SourceArn: 'arn:aws:events:*:*:rule/zap-*' }, 'arn:x');
    expect(s.Action).toBe('lambda:InvokeFunction');
    const ctx = (arn: string) => ({ action: 'lambda:InvokeFunction', principal: { service: 'events.amazonaws.com' }, keys: { 'AWS:SourceArn': arn } });
    expect(allows([s], ctx('arn:aws:events:us-east-1:1:rule/zap-warm'))).toBe(true);
    expect(allows([s], ctx('arn:aws:events:us-east-1:1:rule/other'))).toBe(false);
    expect(allows([s], { ...ctx('arn:aws:events:us-east-1:1:rule/zap-warm'), principal: { service: 's3.amazonaws.com' } })).toBe(false);
    expect(wildcardMatch('a?c*', 'abcdef')).toBe(true);
    expect(buildStatement({ StatementId: 'a', Action: 'lambda:GetFunction', Principal: '123456789012' }, 'r').Principal).toEqual({ AWS: 'arn:aws:iam::123456789012:root' });
  });
});

describe('Function URL events', () => {
  const meta = { requestId: 'r', timeEpoch: Date.UTC(2026, 10, 23, 6, 0, 0), accountId: '0', urlId: 'id' };
  test('GET with no body, repeated headers and query keys', () => {
    const e = toUrlEvent({ method: 'GET', url: '/a?x=1&x=2', headers: { host: '127.0.0.1:9', 'x-h': ['a', 'b'] as any }, body: Buffer.alloc(0), sourceIp: '127.0.0.1', httpVersion: '1.1' }, meta) as any;
    expect(e).toMatchObject({ version: '2.0', routeKey: '$default', rawPath: '/a', rawQueryString: 'x=1&x=2', queryStringParameters: { x: '1,2' }, isBase64Encoded: false });
    expect(e.headers['x-h']).toBe('a,b');
    // As AWS's front end sends them: an app behind `trust proxy` gets the client's address and https.
    expect(e.headers).toMatchObject({ 'x-forwarded-for': '127.0.0.1', 'x-forwarded-proto': 'https', 'x-forwarded-port': '443' });
    const proxied = toUrlEvent({ method: 'GET', url: '/', headers: { 'x-forwarded-for': '203.0.113.7' }, body: Buffer.alloc(0), sourceIp: '198.51.100.2', httpVersion: '1.1' }, meta) as any;
    expect(proxied.headers['x-forwarded-for']).toBe('203.0.113.7, 198.51.100.2');
    expect(e.body).toBeUndefined();
    expect(e.cookies).toBeUndefined();
    expect(e.requestContext).toMatchObject({ domainName: '127.0.0.1:9', time: '23/Nov/2026:06:00:00 +0000', timeEpoch: meta.timeEpoch, http: { protocol: 'HTTP/1.1' } });
  });
  test('text vs binary content types', () => {
    expect(isTextContent('application/json; charset=utf-8')).toBe(true);
    expect(isTextContent('application/vnd.api+json')).toBe(true);
    expect(isTextContent('text/html')).toBe(true);
    expect(isTextContent('image/png')).toBe(false);
    expect(isTextContent('application/octet-stream')).toBe(false);
  });
  test('results: structured, inferred, and JSON bodies', () => {
    expect(fromUrlResult(Buffer.from('{"statusCode":404,"body":"no"}'))).toMatchObject({ status: 404, body: Buffer.from('no'), headers: { 'content-type': 'application/json' } });
    expect(fromUrlResult(Buffer.from('{"message":"hi"}'))).toMatchObject({ status: 200, body: Buffer.from('{"message":"hi"}') });
    expect(fromUrlResult(Buffer.from('"hello"'))).toMatchObject({ status: 200, body: Buffer.from('hello') });
    expect(fromUrlResult(Buffer.from('[1,2]'))).toMatchObject({ status: 200, body: Buffer.from('[1,2]') });
    expect(fromUrlResult(Buffer.from('null'))).toMatchObject({ status: 200, body: Buffer.from('null') });
  });
});

describe('protocols', () => {
  test('query lists and XML', () => {
    expect(queryList({ 'Tags.member.2.Key': 'b', 'Tags.member.1.Key': 'a', 'Tags.member.1.Value': '1', 'Tags.member.2.Value': '2' }, 'Tags')).toEqual([{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }]);
    expect(queryList({ 'TagKeys.member.1': 'x' }, 'TagKeys')).toEqual(['x']);
    expect(toXml({ A: ['x', 'y'], B: { C: '<&>' }, D: undefined })).toBe('<A><member>x</member><member>y</member></A><B><C>&lt;&amp;&gt;</C></B>');
    expect(queryService('AWS4-HMAC-SHA256 Credential=AK/20261123/us-east-1/sts/aws4_request, SignedHeaders=host', 'GetRole')).toBe('sts');
    expect(queryService(undefined, 'GetCallerIdentity')).toBe('sts');
    expect(queryService(undefined, 'GetRole')).toBe('iam');
  });
  test('REST routes decode ARN labels', () => {
    const routes = [{ method: 'GET', path: '/2017-03-31/tags/{Resource}', operation: 'ListTags', handle: () => ({ status: 200 }) }];
    const hit = matchRoute(routes, 'GET', '/2017-03-31/tags/arn%3Aaws%3Alambda%3Aus-east-1%3A0%3Afunction%3Af');
    expect(hit?.params.Resource).toBe('arn:aws:lambda:us-east-1:0:function:f');
    expect(matchRoute(routes, 'POST', '/2017-03-31/tags/x')).toBeUndefined();
  });
});
