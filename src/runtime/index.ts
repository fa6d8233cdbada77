/**
 * The artifact's index.js: tiny on purpose. Keep-warm events are answered without parsing the
 * app bundle (or the AWS SDK, unless this invocation fans out); everything else goes to the app.
 * Two arguments and a promise: Node 24's Lambda runtime refuses callback-style handlers.
 * With zap.json `streaming` on, the handler is the streaming one (stream.ts) instead.
 */
import type { Context } from 'aws-lambda';
import { isKeepWarmEvent } from '../contracts/keep-warm';
import { isCompileCacheEvent } from '../contracts/compile-cache';
import { takeColdFlag } from './container';
import { keepWarm } from './keep-warm';
import { serveHttp } from './http';
import { makeCompileCache } from './compile-cache-event';
import { streamingGlobal, streamingHandler } from './stream';

const bufferedHandler = async (event: unknown, context: Context): Promise<unknown> => {
  const cold = takeColdFlag();
  if (isKeepWarmEvent(event)) return keepWarm(event, context, cold);
  if (isCompileCacheEvent(event)) return makeCompileCache(context);
  return serveHttp(event, context);
};

const lambda = streamingGlobal();
export const handler = lambda ? streamingHandler(lambda) : bufferedHandler;
