// Function URL requests and responses, payload format 2.0:
// https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html#urls-payloads

import type { IncomingHttpHeaders } from 'node:http';

export interface UrlRequest {
  method: string;
  /** Path and query as received, e.g. /a/b?x=1 */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  sourceIp: string;
  httpVersion: string;
}

export interface UrlRequestMeta {
  requestId: string;
  timeEpoch: number;
  accountId: string;
  urlId: string;
}

const TEXT_TYPES = /^(text\/|application\/(json|javascript|xml|x-www-form-urlencoded|graphql)|[^;]*\+(json|xml))/i;

/** Bodies of text content types pass as text; anything else is base64, as Lambda does. */
export function isTextContent(contentType: string | undefined): boolean {
  return contentType === undefined || TEXT_TYPES.test(contentType.trim());
}

// Written out rather than asked of Intl: toLocaleString loads ICU data on each call, ~1 ms per request.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "12/Mar/2020:19:03:58 +0000", the requestContext.time format. */
export function clfTime(ms: number): string {
  const d = new Date(ms);
  const mon = MONTHS[d.getUTCMonth()];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${mon}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

export function toUrlEvent(req: UrlRequest, meta: UrlRequestMeta): Record<string, unknown> {
  const q = req.url.indexOf('?');
  const rawPath = q < 0 ? req.url : req.url.slice(0, q);
  const rawQueryString = q < 0 ? '' : req.url.slice(q + 1);
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    const key = k.toLowerCase();
    if (key === 'cookie') {
      cookies = [v].flat().flatMap((c) => c.split(/;\s*/)).filter(Boolean);
      continue;
    }
    headers[key] = Array.isArray(v) ? v.join(',') : v;
  }
  // What AWS's front end adds, as behind any proxy: the client's address appended, and the HTTPS it was reached over.
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${req.sourceIp}` : req.sourceIp;
  headers['x-forwarded-proto'] = 'https';
  headers['x-forwarded-port'] = '443';
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(rawQueryString)) query[k] = k in query ? `${query[k]},${v}` : v;
  const domainName = headers.host ?? `${meta.urlId}.lambda-url.local`;
  const hasBody = req.body.length > 0;
  const binary = hasBody && !isTextContent(headers['content-type']);
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    ...(cookies ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: 'anonymous',
      apiId: meta.urlId,
      domainName,
      domainPrefix: meta.urlId,
      http: { method: req.method, path: rawPath, protocol: `HTTP/${req.httpVersion}`, sourceIp: req.sourceIp, userAgent: headers['user-agent'] ?? '' },
      requestId: meta.requestId,
      routeKey: '$default',
      stage: '$default',
      time: clfTime(meta.timeEpoch),
      timeEpoch: meta.timeEpoch,
    },
    ...(hasBody ? { body: binary ? req.body.toString('base64') : req.body.toString('utf8') } : {}),
    isBase64Encoded: binary,
  };
}

export interface UrlResponse {
  status: number;
  headers: Record<string, string>;
  cookies: string[];
  body: Buffer;
}

/**
 * The function's answer as HTTP. An object with statusCode is a structured response; anything
 * else is the body of a 200 application/json response, as Lambda infers it.
 */
export function fromUrlResult(payload: Buffer): UrlResponse {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || !('statusCode' in parsed)) {
    const body = typeof parsed === 'string' ? Buffer.from(parsed) : payload;
    return { status: 200, headers: { 'content-type': 'application/json' }, cookies: [], body };
  }
  const r = parsed as { statusCode: unknown; headers?: Record<string, unknown>; cookies?: unknown; body?: unknown; isBase64Encoded?: unknown };
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = String(v);
  headers['content-type'] ??= 'application/json';
  const text = typeof r.body === 'string' ? r.body : r.body === undefined || r.body === null ? '' : JSON.stringify(r.body);
  return {
    status: Number(r.statusCode) || 200,
    headers,
    cookies: Array.isArray(r.cookies) ? r.cookies.map(String) : [],
    body: r.isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text),
  };
}
