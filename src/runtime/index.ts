/**
 * The artifact's index.js: tiny on purpose. Keep-warm events are answered without parsing the
 * app bundle (or the AWS SDK, unless this invocation fans out); a scheduled task loads only its own
 * bundle; everything else goes to the app.
 * Two arguments and a promise: Node 24's Lambda runtime refuses callback-style handlers.
 * With zap.json `streaming` on, the handler is the streaming one (stream.ts) instead.
 */
import type { Context } from 'aws-lambda';
import { takeColdFlag } from './container';
import { serveHttp } from './http';
import { ownEvent } from './own-events';
import { streamingGlobal, streamingHandler } from './stream';

const bufferedHandler = async (event: unknown, context: Context): Promise<unknown> => ownEvent(event, context, takeColdFlag()) ?? serveHttp(event, context);

const lambda = streamingGlobal();
export const handler = lambda ? streamingHandler(lambda) : bufferedHandler;
