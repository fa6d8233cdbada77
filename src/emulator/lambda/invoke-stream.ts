// InvokeWithResponseStream: the function's bytes as PayloadChunk events while it runs, then one
// InvokeComplete, in the application/vnd.amazon.eventstream framing the SDK decodes.
// https://docs.aws.amazon.com/lambda/latest/api/API_InvokeWithResponseStream.html
import type { ServerResponse } from 'node:http';
import { EventStreamCodec } from '@smithy/core/event-streams';
import type { HttpReply } from '../http';
import type { RestRequest } from '../protocol/rest-json';
import { getFn, resolveVersion, type LambdaEnv } from './env';
import { assertActive, header, invocationPayload, invocationType, runInvocation, SYNC_PAYLOAD_LIMIT } from './invoke';
import { parseFunctionName } from './names';

const codec = new EventStreamCodec((b) => Buffer.from(b).toString('utf8'), (s) => new Uint8Array(Buffer.from(s, 'utf8')));

function event(type: 'PayloadChunk' | 'InvokeComplete', body: Uint8Array): Uint8Array {
  return codec.encode({
    headers: {
      ':message-type': { type: 'string', value: 'event' },
      ':event-type': { type: 'string', value: type },
      ':content-type': { type: 'string', value: type === 'PayloadChunk' ? 'application/octet-stream' : 'application/json' },
    },
    body,
  });
}

export async function invokeWithResponseStream(env: LambdaEnv, req: RestRequest, requestId: string): Promise<HttpReply> {
  const ref = parseFunctionName(req.params.FunctionName, req.query.get('Qualifier'));
  const type = invocationType(req, ['RequestResponse', 'DryRun']);
  const payload = invocationPayload(req, SYNC_PAYLOAD_LIMIT, 'InvokeWithResponseStream');
  const fn = getFn(env, ref.name, ref.qualifier);
  const v = resolveVersion(env, fn, ref.qualifier);
  assertActive(env, v);
  const headers = { 'X-Amz-Executed-Version': v.version, 'x-amzn-RequestId': requestId };
  if (type === 'DryRun') return { status: 204, headers };
  const tail = header(req, 'X-Amz-Log-Type') === 'Tail';
  return {
    status: 200,
    headers,
    stream: (res) => streamInvocation(env, ref, payload, requestId, header(req, 'X-Amz-Client-Context'), tail, res),
  };
}

async function streamInvocation(
  env: LambdaEnv, ref: { name: string; qualifier?: string }, payload: Buffer, requestId: string,
  clientContext: string | undefined, tail: boolean, res: ServerResponse,
): Promise<void> {
  // The head waits for the function's content type (ResponseStreamContentType) or its whole answer.
  const open = (contentType: string) => {
    if (!res.headersSent) res.writeHead(res.statusCode, { 'Content-Type': contentType });
  };
  let aborted = false;
  let abort: (() => void) | undefined;
  res.on('close', () => {
    if (!res.writableFinished) (aborted = true), abort?.();
  });
  const r = await runInvocation(env, ref.name, ref.qualifier, payload, {
    requestId, clientContext,
    stream: {
      start: (contentType, stop) => {
        abort = stop;
        if (aborted) return stop();
        open(contentType);
      },
      chunk: (bytes) => {
        if (!aborted) res.write(event('PayloadChunk', bytes));
      },
    },
  });
  if (aborted) return;
  open(r.streamed?.contentType ?? 'application/json');
  // A function that does not stream answers with its whole result as one chunk, as Lambda does.
  if (!r.streamed && !r.functionError && r.payload.length) res.write(event('PayloadChunk', r.payload));
  const complete: Record<string, string> = {};
  if (r.functionError) {
    const body = safeJson(r.payload);
    complete.ErrorCode = String(body.errorType ?? 'Unhandled');
    complete.ErrorDetails = String(body.errorMessage ?? r.payload.toString('utf8'));
  }
  if (tail) complete.LogResult = Buffer.from(r.logTail.slice(-4096)).toString('base64');
  res.end(event('InvokeComplete', Buffer.from(JSON.stringify(complete))));
}

function safeJson(b: Buffer): Record<string, unknown> {
  try {
    const v = JSON.parse(b.toString('utf8'));
    return v && typeof v === 'object' ? v : {};
  } catch {
    return {};
  }
}
