/** A SampleClient that turns requests into Function URL events for an artifact process. */
import type { SampleClient, SampleResponse } from '../behaviour/sample-app';
import type { ArtifactProcess } from './artifact-process';

const TEXT = /^(text\/|application\/(json|x-www-form-urlencoded|xml))/;

/** The event a Lambda Function URL sends (payload 2.0): cookies split out, bodies base64 unless text. */
export function functionUrlEvent(method: string, path: string, init: { headers?: Record<string, string>; body?: string | Buffer } = {}) {
  const [rawPath, rawQueryString = ''] = path.split(/\?(.*)/s);
  const headers: Record<string, string> = { host: 'abc123.lambda-url.us-east-1.on.aws', 'user-agent': 'zap-test' };
  let cookies: string[] | undefined;
  for (const [k, v] of Object.entries(init.headers ?? {})) {
    if (k.toLowerCase() === 'cookie') cookies = v.split(/;\s*/);
    else headers[k.toLowerCase()] = v;
  }
  const body = init.body === undefined ? undefined : Buffer.from(init.body);
  const base64 = body !== undefined && !TEXT.test(headers['content-type'] ?? '');
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    ...(cookies ? { cookies } : {}),
    headers,
    requestContext: {
      accountId: 'anonymous',
      apiId: 'abc123',
      domainName: headers.host,
      domainPrefix: 'abc123',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'zap-test' },
      requestId: 'r-' + Math.random().toString(36).slice(2),
      routeKey: '$default',
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    ...(body !== undefined ? { body: body.toString(base64 ? 'base64' : 'utf8'), isBase64Encoded: base64 } : { isBase64Encoded: false }),
  };
}

/** A payload 2.0 answer back into status, headers, cookies and bytes. */
export function fromV2Result(result: any): SampleResponse {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries((result.headers ?? {}) as Record<string, string>)) headers[k.toLowerCase()] = String(v);
  const body = result.body === undefined ? Buffer.alloc(0) : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  return { status: result.statusCode, headers, cookies: result.cookies ?? [], body };
}

export function functionUrlClient(container: ArtifactProcess): SampleClient {
  return {
    async request(method, path, init) {
      const out = await container.invoke(functionUrlEvent(method, path, init));
      if (out.error) throw new Error(`handler threw ${out.error.name}: ${out.error.message}`);
      return fromV2Result(out.result);
    },
  };
}
