/** A SampleClient that turns requests into Function URL events for an artifact process. */
import type { SampleClient, SampleResponse } from '../behaviour/sample-app';
import type { ArtifactProcess } from './artifact-process';
import { toUrlEvent } from '../../src/contracts/function-url';

/** The event a Lambda Function URL sends (payload 2.0): the emulator's own conversion of a real request. */
export function functionUrlEvent(method: string, path: string, init: { headers?: Record<string, string>; body?: string | Buffer } = {}) {
  const headers = { host: 'abc123.lambda-url.us-east-1.on.aws', 'user-agent': 'zap-test', ...Object.fromEntries(Object.entries(init.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])) };
  return toUrlEvent(
    { method, url: path, headers, body: init.body === undefined ? Buffer.alloc(0) : Buffer.from(init.body), sourceIp: '127.0.0.1', httpVersion: '1.1' },
    { requestId: 'r-' + Math.random().toString(36).slice(2), timeEpoch: Date.now(), accountId: 'anonymous', urlId: 'abc123' },
  ) as Record<string, unknown> & { headers: Record<string, string> };
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
