import { describeEvent, httpSourceOf } from './events';
import { loadApp, logBootError } from './app-loader';
import { gatewayResponse } from './responses';

export const ACCEPTED_EVENTS =
  'API Gateway REST API (payload 1.0), HTTP API (payload 2.0), Lambda Function URL, ALB, ' +
  'or a zap keep-warm event {"zap":"keep_warm","concurrency":N}';

/** Thrown (so Lambda reports a function error) for events no HTTP front door sends; the container keeps serving. */
export class UnsupportedEventError extends Error {
  constructor(event: unknown) {
    super(`zap: cannot handle this event (${describeEvent(event)}). zap's handler accepts: ${ACCEPTED_EVENTS}.`);
    this.name = 'UnsupportedEventError';
  }
}

/** HTTP events go to the app; an app that fails to boot answers 502 and boots again on the next request. */
export async function serveHttp(event: unknown, context: unknown): Promise<unknown> {
  const source = httpSourceOf(event);
  if (!source) throw new UnsupportedEventError(event);
  let app;
  try {
    app = await loadApp(context);
  } catch (err) {
    logBootError(err, 'on a request, answering 502');
    return gatewayResponse(source, event, 502, 'Bad Gateway: the app failed to start (see the function log).');
  }
  try {
    return await app(event, context);
  } catch (err) {
    // serverless-express 5 throws this for events it cannot map; say what zap accepts instead.
    if (err instanceof Error && /Unable to determine event source/.test(err.message)) throw new UnsupportedEventError(event);
    throw err;
  }
}
