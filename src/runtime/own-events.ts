/**
 * zap's own events, answered before (and mostly without) the HTTP app: keep-warm pings, the
 * compile-cache request and scheduled tasks. One list for the buffered and the streaming handler.
 */
import type { Context } from 'aws-lambda';
import { isKeepWarmEvent } from '../contracts/keep-warm';
import { isCompileCacheEvent } from '../contracts/compile-cache';
import { isTaskEvent } from '../contracts/task';
import { keepWarm } from './keep-warm';
import { makeCompileCache } from './compile-cache-event';
import { runTask } from './task';

/** The answer to one of zap's own events, or undefined when the event is for the app. */
export function ownEvent(event: unknown, context: Context, cold: boolean): Promise<unknown> | undefined {
  if (isKeepWarmEvent(event)) return keepWarm(event, context, cold);
  if (isCompileCacheEvent(event)) return makeCompileCache(context);
  if (isTaskEvent(event)) return runTask(event, context, cold);
  return undefined;
}
