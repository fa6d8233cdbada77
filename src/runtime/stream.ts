/**
 * The handler when zap.json `streaming` is on: exported through `awslambda.streamifyResponse`, so
 * Lambda hands it a response stream. A Function URL request streams through the app as it writes;
 * zap's own events (keep-warm, compile cache, scheduled tasks) still short-circuit before the app loads and write
 * their JSON answer to the stream, which a plain Invoke (EventBridge, prewarm, the fan-out leader)
 * reads back whole.
 */
import type { Context } from 'aws-lambda';
import { STREAMING_ENV } from '../contracts/function-env';
import { takeColdFlag } from './container';
import { serveHttp } from './http';
import { loadApp, logBootError } from './app-loader';
import { isHttpApiV2Event } from './events';
import { ownEvent } from './own-events';

type ResponseStream = Parameters<StreamFn>[1];
type StreamFn = (event: unknown, stream: any, context: unknown, from: Prelude) => Promise<void>;
type Prelude = (stream: any, prelude: { statusCode: number; headers: Record<string, string>; cookies: string[] }) => any;

/** The `awslambda` global Lambda's Node runtime defines (and the emulator's bootstrap too). */
export interface AwsLambdaGlobal {
  streamifyResponse<H>(handler: H): H;
  HttpResponseStream: { from: Prelude };
}

export function streamingGlobal(env: NodeJS.ProcessEnv = process.env): AwsLambdaGlobal | undefined {
  const g = (globalThis as { awslambda?: AwsLambdaGlobal }).awslambda;
  return env[STREAMING_ENV] === 'on' && typeof g?.streamifyResponse === 'function' ? g : undefined;
}

function answer(stream: ResponseStream, value: unknown): Promise<void> {
  return new Promise((resolve) => stream.end(JSON.stringify(value) ?? 'null', resolve));
}

async function serveStreamed(event: unknown, stream: ResponseStream, context: Context, from: Prelude): Promise<void> {
  // Only Function URL (payload 2.0) requests stream; any other HTTP event gets its buffered answer.
  if (!isHttpApiV2Event(event)) return answer(stream, await serveHttp(event, context));
  let app;
  try {
    app = (await loadApp(context)) as Awaited<ReturnType<typeof loadApp>> & { zapStream?: StreamFn };
  } catch (err) {
    logBootError(err, 'on a request, answering 502');
    const out = from(stream, { statusCode: 502, headers: { 'content-type': 'text/plain; charset=utf-8' }, cookies: [] });
    // write() then end(): Lambda's runtime sends the prelude on the first write(), and end(chunk) is no write().
    out.write('Bad Gateway: the app failed to start (see the function log).\n');
    return new Promise((resolve) => out.end(resolve));
  }
  if (typeof app.zapStream !== 'function') return answer(stream, await app(event, context));
  return app.zapStream(event, stream, context, from);
}

export function streamingHandler(g: AwsLambdaGlobal) {
  const from = g.HttpResponseStream.from.bind(g.HttpResponseStream);
  return g.streamifyResponse(async (event: unknown, stream: ResponseStream, context: Context): Promise<void> => {
    const own = ownEvent(event, context, takeColdFlag());
    if (own) return answer(stream, await own);
    return serveStreamed(event, stream, context, from);
  });
}
