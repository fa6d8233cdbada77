import { EventEmitter } from 'node:events';

interface ExpressLike {
  handle(req: unknown, res: unknown): void;
}

/**
 * serverless-express 5.0.0 builds each request on a stand-in socket without EventEmitter methods.
 * Express's final handler (no route matched, or next(err) with no error handler) waits for the
 * request with on-finished, which calls socket.on() and throws "ee.on is not a function", so an
 * unmatched GET answers 500 instead of the app's 404
 * (https://github.com/CodeGenieApp/serverless-express/issues/698). Giving the stand-in socket real
 * listener methods lets Express answer exactly as it does behind a real server.
 */
export function withListenableSocket(request: { socket?: unknown }): void {
  const socket = request.socket;
  if (typeof socket !== 'object' || socket === null) return;
  if (typeof (socket as { on?: unknown }).on === 'function') return;
  Object.setPrototypeOf(socket, EventEmitter.prototype);
}

export const expressFramework = {
  sendRequest({ app, request, response }: { app: ExpressLike; request: { socket?: unknown }; response: unknown }) {
    withListenableSocket(request);
    app.handle(request, response);
  },
};
