/**
 * The artifact's index.js: tiny on purpose. Keep-warm events are answered without parsing the
 * app bundle (or the AWS SDK, unless this invocation fans out); a scheduled task loads only its own
 * bundle; everything else goes to the app.
 * Two arguments and a promise: Node 24's Lambda runtime refuses callback-style handlers.
 */
import type { Context } from 'aws-lambda';
import { isKeepWarmEvent } from '../contracts/keep-warm';
import { isCompileCacheEvent } from '../contracts/compile-cache';
import { takeColdFlag } from './container';
import { keepWarm } from './keep-warm';
import { serveHttp } from './http';
import { makeCompileCache } from './compile-cache-event';
import { isTaskEvent } from '../contracts/task';
import { runTask } from './task';

export const handler = async (event: unknown, context: Context): Promise<unknown> => {
  const cold = takeColdFlag();
  if (isKeepWarmEvent(event)) return keepWarm(event, context, cold);
  if (isCompileCacheEvent(event)) return makeCompileCache(context);
  if (isTaskEvent(event)) return runTask(event, context, cold);
  return serveHttp(event, context);
};
