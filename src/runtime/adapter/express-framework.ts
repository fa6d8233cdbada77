import { withDeferredWriteCallbacks } from './finish-order';
import { withoutPresetBody } from './request-body';

interface ExpressLike {
  handle(req: unknown, res: unknown): void;
}

/**
 * serverless-express 5.0.0 builds each request on a stand-in socket without EventEmitter methods.
 * Express's final handler (no route matched, or next(err) with no error handler) waits for the
 * request with on-finished, which calls socket.on() and throws "ee.on is not a function", so an
 * unmatched GET answers 500 instead of the app's 404
 * (https://github.com/CodeGenieApp/serverless-express/issues/698). The stand-in socket never errors
 * or closes, so listener methods that register nothing let Express answer exactly as it does behind
 * a real server. (Own properties, not setPrototypeOf: changing a prototype per request deoptimises.)
 */
export function withListenableSocket(request: { socket?: unknown }): void {
  const socket = request.socket as Record<string, unknown> | null | undefined;
  if (typeof socket !== 'object' || socket === null || typeof socket.on === 'function') return;
  socket.on = socket.once = socket.addListener = socket.removeListener = socket.off = listenNowhere;
}

function listenNowhere(this: unknown): unknown {
  return this;
}

export const expressFramework = {
  sendRequest({ app, request, response }: { app: ExpressLike; request: { socket?: unknown; body?: unknown }; response: { socket?: unknown } }) {
    withListenableSocket(request);
    withoutPresetBody(request);
    withDeferredWriteCallbacks(response);
    app.handle(request, response);
  },
};
