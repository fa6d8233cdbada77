import { randomUUID } from 'node:crypto';

export interface HttpRequestSpec {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** A Function URL (payload 2.0) event for `zap invoke --path`: what the function gets from a real request. */
export function functionUrlEvent(req: HttpRequestSpec, now = new Date()): Record<string, unknown> {
  const [rawPath = '/', rawQueryString = ''] = req.path.split('?', 2);
  const headers: Record<string, string> = { host: 'zap-invoke.lambda-url.local', 'user-agent': 'zap-invoke', ...lowerKeys(req.headers) };
  const cookies = headers.cookie ? headers.cookie.split(/;\s*/) : undefined;
  delete headers.cookie;
  const query = new URLSearchParams(rawQueryString);
  const queryStringParameters = rawQueryString ? Object.fromEntries([...query.keys()].map((k) => [k, query.getAll(k).join(',')])) : undefined;
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    ...(cookies ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext: {
      accountId: 'anonymous',
      apiId: 'zap-invoke',
      domainName: headers.host,
      domainPrefix: 'zap-invoke',
      http: { method: req.method.toUpperCase(), path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: headers['user-agent'] },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(req.body !== undefined ? { body: Buffer.from(req.body).toString('base64'), isBase64Encoded: true } : { isBase64Encoded: false }),
  };
}

function lowerKeys(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}

export interface HttpResult {
  statusCode: number;
  headers: Record<string, string>;
  cookies: string[];
  body: Buffer;
}

/** A Function URL result as an HTTP response: structured, or any other value as a 200 JSON body (as AWS does). */
export function httpResultOf(payload: unknown): HttpResult {
  if (typeof payload === 'object' && payload !== null && 'statusCode' in payload) {
    const p = payload as { statusCode: number; headers?: Record<string, string>; cookies?: string[]; body?: string; isBase64Encoded?: boolean };
    return { statusCode: p.statusCode, headers: p.headers ?? {}, cookies: p.cookies ?? [], body: Buffer.from(p.body ?? '', p.isBase64Encoded ? 'base64' : 'utf8') };
  }
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, cookies: [], body: Buffer.from(JSON.stringify(payload)) };
}
