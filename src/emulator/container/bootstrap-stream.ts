// Response streaming as Lambda's Node runtime does it: the `awslambda` global (streamifyResponse,
// HttpResponseStream), and a streaming handler's answer POSTed to the Runtime API as it is written,
// with `Lambda-Runtime-Function-Response-Mode: streaming`, chunked, and an error in trailers.
// https://docs.aws.amazon.com/lambda/latest/dg/runtimes-custom.html#runtimes-custom-response-streaming
import { Agent, request, type ClientRequest } from 'node:http';
import { STREAMING, type Handler } from './bootstrap-handler';
import type { ErrorBody } from './bootstrap-client';

const PRELUDE_TYPE = 'application/vnd.awslambda.http-integration-response';
const ERROR_TYPE = 'Lambda-Runtime-Function-Error-Type';
const ERROR_BODY = 'Lambda-Runtime-Function-Error-Body';

type ResponseStream = ClientRequest & { setContentType(type: string): void; _onBeforeFirstWrite?: (write: (c: unknown) => void) => void };

/** The JSON prelude, then 8 NUL bytes, before the first body byte; Function URLs read the status and headers from it. */
const HttpResponseStream = {
  from(stream: ResponseStream, prelude: unknown): ResponseStream {
    stream.setContentType(PRELUDE_TYPE);
    const json = JSON.stringify(prelude);
    stream._onBeforeFirstWrite = (write) => {
      write(json);
      write(new Uint8Array(8));
    };
    return stream;
  },
};

/** As the managed runtime, unless AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA opts out. */
export function installAwsLambdaGlobal(env: NodeJS.ProcessEnv): void {
  if (env.AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA === '1' || env.AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA === 'true') return;
  const g = globalThis as { awslambda?: Record<string, unknown> };
  g.awslambda = {
    ...g.awslambda,
    streamifyResponse(handler: Handler) {
      (handler as unknown as Record<symbol, string>)[STREAMING] = 'response';
      return handler;
    },
    HttpResponseStream,
  };
}

// Its own connection, kept between invocations (the /next long poll holds the other one).
const streamAgent = new Agent({ keepAlive: true, maxSockets: 1 });

/** The stream the handler writes; `done` settles when the Runtime API has answered the POST. */
function openStream(requestId: string): { stream: ResponseStream; done: Promise<void> } {
  const [host, port] = (process.env.AWS_LAMBDA_RUNTIME_API ?? '').split(':');
  let started = false;
  const stream = request({
    host, port: Number(port), method: 'POST', agent: streamAgent,
    path: `/2018-06-01/runtime/invocation/${encodeURIComponent(requestId)}/response`,
    headers: {
      'Lambda-Runtime-Function-Response-Mode': 'streaming', 'Transfer-Encoding': 'chunked',
      'Content-Type': 'application/octet-stream', Trailer: `${ERROR_TYPE}, ${ERROR_BODY}`,
    },
  }) as ResponseStream;
  const done = new Promise<void>((resolve, reject) => {
    stream.on('response', (res) => res.resume().on('end', resolve).on('error', reject));
    stream.on('error', reject);
  });
  stream.setContentType = (type) => {
    if (started) throw new Error('Cannot set content-type, too late.');
    stream.setHeader('Content-Type', type);
  };
  const write = stream.write.bind(stream) as (c: unknown, ...rest: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (!started) {
      started = true;
      stream._onBeforeFirstWrite?.((c) => write(c));
    }
    const data = typeof chunk === 'string' || chunk instanceof Uint8Array ? chunk : JSON.stringify(chunk);
    return write(data, ...rest);
  }) as ClientRequest['write'];
  return { stream, done };
}

/**
 * Runs a streaming handler. A throw ends the stream with the error in trailers (a stream already
 * closed by the other side just ends); the invocation is over once the Runtime API answers.
 */
export async function invokeStreaming(
  handler: Handler, event: unknown, context: unknown, requestId: string, toError: (e: unknown) => ErrorBody,
): Promise<ErrorBody | undefined> {
  const { stream, done } = openStream(requestId);
  done.catch(() => undefined);
  let failure: ErrorBody | undefined;
  try {
    const result = handler(event, stream, context) as Promise<unknown> | undefined;
    if (!result || typeof result.then !== 'function') throw new Error('Streaming does not support non-async handlers.');
    await result;
  } catch (e) {
    failure = toError(e);
    if (!stream.destroyed && !stream.writableEnded) {
      stream.addTrailers({ [ERROR_TYPE]: failure.errorType, [ERROR_BODY]: Buffer.from(JSON.stringify(failure)).toString('base64') });
      stream.end();
    }
  }
  await done.catch(() => undefined);
  return failure;
}
