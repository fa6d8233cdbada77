import { randomUUID } from 'node:crypto';
import { fromUrlResult, toUrlEvent, type UrlResponse } from '../contracts/function-url';

export interface HttpRequestSpec {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** The Function URL event a real request would make, for `zap invoke --path`: the same conversion the emulator's URLs use. */
export function functionUrlEvent(req: HttpRequestSpec, now = Date.now()): Record<string, unknown> {
  const headers = { host: 'zap-invoke.lambda-url.local', 'user-agent': 'zap-invoke', ...Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v])) };
  return toUrlEvent(
    { method: req.method.toUpperCase(), url: req.path, headers, body: Buffer.from(req.body ?? ''), sourceIp: '127.0.0.1', httpVersion: '1.1' },
    { requestId: randomUUID(), timeEpoch: now, accountId: 'anonymous', urlId: 'zap-invoke' },
  );
}

/** A Function URL result as HTTP: structured, or any other value as a 200 JSON body, as Lambda does. */
export function httpResultOf(raw: string): UrlResponse {
  return fromUrlResult(Buffer.from(raw));
}
