// A Function URL in RESPONSE_STREAM mode: the function's bytes reach the client as they are written
// (chunked). A streaming function that used awslambda.HttpResponseStream.from sends a JSON prelude
// (status, headers, cookies) and 8 NUL bytes before its body; anything else is a 200 body.
// https://docs.aws.amazon.com/lambda/latest/dg/config-rs-write-functions.html
import type { ServerResponse } from 'node:http';
import type { LambdaEnv } from './lambda/env';
import { runInvocation } from './lambda/invoke';
import { fromUrlResult } from '../contracts/function-url';

const PRELUDE_TYPE = 'application/vnd.awslambda.http-integration-response';
const DELIMITER = Buffer.alloc(8);

interface Prelude {
  statusCode?: number;
  headers?: Record<string, string>;
  cookies?: string[];
}

function head(res: ServerResponse, status: number, headers: Record<string, string | string[]>): void {
  if (!res.headersSent) res.writeHead(status, headers);
}

export async function serveStreamed(
  env: LambdaEnv, fn: string, qualifier: string, payload: Buffer, requestId: string,
  extra: Record<string, string>, res: ServerResponse,
): Promise<void> {
  let pending: Buffer | undefined;
  let prelude = false;
  let abort: (() => void) | undefined;
  let gone = false;
  res.on('close', () => {
    if (!res.writableFinished) (gone = true), abort?.();
  });
  const withPrelude = (p: Prelude) => {
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(p.headers ?? {})) headers[k.toLowerCase()] = String(v);
    if (p.cookies?.length) headers['set-cookie'] = p.cookies.map(String);
    head(res, Number(p.statusCode) || 200, { ...headers, ...extra });
  };
  const body = (bytes: Buffer) => {
    if (!prelude) return void res.write(bytes);
    pending = pending ? Buffer.concat([pending, bytes]) : bytes;
    const end = pending.indexOf(DELIMITER);
    if (end < 0) return;
    const rest = pending.subarray(end + DELIMITER.length);
    withPrelude(parsePrelude(pending.subarray(0, end)));
    prelude = false;
    pending = undefined;
    if (rest.length) res.write(rest);
  };
  const r = await runInvocation(env, fn, qualifier || undefined, payload, {
    requestId,
    stream: {
      start: (contentType, stop) => {
        abort = stop;
        if (gone) return stop();
        prelude = contentType.split(';')[0]!.trim() === PRELUDE_TYPE;
        if (!prelude) head(res, 200, { 'content-type': contentType, ...extra });
      },
      chunk: (bytes) => {
        if (!gone) body(bytes);
      },
    },
  });
  if (gone) return;
  if (r.functionError) {
    // Past the head, Lambda can only cut the stream short.
    if (res.headersSent) return void res.destroy();
    head(res, 502, { 'content-type': 'application/json', ...extra });
    return void res.end(JSON.stringify({ Message: 'Internal Server Error' }));
  }
  if (r.streamed) {
    if (prelude) withPrelude(pending ? parsePrelude(pending) : {});
    return void res.end();
  }
  // A function that does not stream answers whole: its result read as in BUFFERED mode.
  const out = fromUrlResult(r.payload);
  const headers: Record<string, string | string[]> = { ...out.headers, ...extra };
  if (out.cookies.length) headers['set-cookie'] = out.cookies;
  head(res, out.status, headers);
  res.end(out.body);
}

function parsePrelude(bytes: Buffer): Prelude {
  try {
    const v = JSON.parse(bytes.toString('utf8'));
    return v && typeof v === 'object' ? v : {};
  } catch {
    return {};
  }
}
