import type { Server } from 'node:net';
import { withListenableSocket } from './express-framework';
import { withDeferredWriteCallbacks } from './finish-order';
import { isServableApp } from './resolve-app';
import { withoutPresetBody } from './request-body';

/** An http(s).Server, captured at listen() or exported: one that serves requests through its 'request' listeners. */
export function isRequestServer(v: unknown): v is Server {
  return typeof v === 'object' && v !== null && typeof (v as Server).listeners === 'function' && (v as Server).listeners('request').length > 0;
}

/**
 * What serves a server's requests: its Express app when that is its only listener (Express's own
 * app.listen and http.createServer(app)), so the app is served exactly as an exported one is;
 * otherwise the server itself, which gets each request as its 'request' event.
 */
export function appOfServer(server: Server): unknown {
  const listeners = server.listeners('request');
  const only = listeners.length === 1 ? listeners[0] : undefined;
  return only && isServableApp(only) ? only : server;
}

export const serverFramework = {
  sendRequest({ app, request, response }: { app: Server; request: { socket?: unknown; body?: unknown }; response: { socket?: unknown } }) {
    withListenableSocket(request);
    withoutPresetBody(request);
    withDeferredWriteCallbacks(response);
    app.emit('request', request, response);
  },
};
