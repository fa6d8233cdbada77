import type { IncomingMessage, ServerResponse } from 'node:http';
import { ServerResponse as NodeServerResponse } from 'node:http';
import { expressFramework } from './express-framework';
import { isServableApp } from './resolve-app';
import { serverFramework } from './server-handler';
import { ResponseSocket, type LambdaStream } from './stream-socket';
import { streamPrelude } from './stream-prelude';

/* serverless-express's own request builder and framework table, so a streamed request reaches the app
   exactly as a buffered one does (headers, cookies, body, getCurrentInvoke); only the response differs. */
const { getRequest } = require('@codegenie/serverless-express/src/event-sources/aws/api-gateway-v2') as {
  getRequest(a: { event: unknown }): { method: string; headers: Record<string, unknown>; body?: Buffer; remoteAddress: string; path: string };
};
const ServerlessRequest = require('@codegenie/serverless-express/src/request') as new (v: {
  method: string; headers: Record<string, unknown>; body?: Buffer; remoteAddress: string; url: string;
}) => IncomingMessage;
const { getFramework } = require('@codegenie/serverless-express/src/frameworks') as {
  getFramework(a: { app: unknown; log: unknown }): { sendRequest(a: { app: unknown; request: unknown; response: unknown }): unknown };
};
const { setCurrentInvoke } = require('@codegenie/serverless-express/src/current-invoke') as {
  setCurrentInvoke(a: { event: unknown; context: unknown }): void;
};

/** Wraps the Lambda stream in Lambda's HTTP response prelude (`awslambda.HttpResponseStream.from`). */
export type PreludeWriter = (stream: LambdaStream, prelude: { statusCode: number; headers: Record<string, string>; cookies: string[] }) => LambdaStream;

/** A Function URL (payload 2.0) request served by the app, its response written to Lambda's response stream as the app writes it. */
export type StreamHandler = (event: unknown, stream: LambdaStream, context: unknown, from: PreludeWriter) => Promise<void>;

const quietLog = { debug() {}, info() {}, warn() {}, error() {} };

function frameworkFor(app: unknown) {
  if (!isServableApp(app)) return serverFramework;
  return typeof app.handle === 'function' ? expressFramework : getFramework({ app, log: quietLog });
}

/**
 * The app answers into a real ServerResponse whose socket is the Lambda stream (stream-socket.ts):
 * no chunked framing (Lambda frames the bytes itself), status and headers sent as the prelude just
 * before the first body byte. A stream closed before the app ended (the client went away) closes
 * the socket, so the app's req and res emit 'close' and its later writes go nowhere.
 */
export function makeStreamHandler(app: unknown): StreamHandler {
  const framework = frameworkFor(app);
  return (event, stream, context, from) =>
    new Promise<void>((resolve) => {
      setCurrentInvoke({ event, context });
      const values = getRequest({ event });
      const request = new ServerlessRequest({ ...values, url: values.path });
      const response = new NodeServerResponse(request) as ServerResponse & { _header?: string | null };
      response.useChunkedEncodingByDefault = false;
      response.shouldKeepAlive = false;
      let out: LambdaStream = stream;
      const head = () => (out = from(stream, streamPrelude(response.statusCode, response.getHeaders())));
      const socket = new ResponseSocket(
        { write: (c) => out.write(c), end: (cb) => out.end(cb), once: (e, f) => stream.once(e, f), on: (e, f) => stream.on(e, f), destroy: (e) => stream.destroy(e) },
        () => Buffer.byteLength(response._header ?? '', 'latin1'),
        head,
        values.remoteAddress,
      );
      response.assignSocket(socket as never);
      // A server passes its socket's 'drain' on to the response; piped streams wait for it.
      socket.on('drain', () => response.emit('drain'));
      // As a server does once a response that does not keep the connection is done: that ends Lambda's stream.
      response.once('finish', () => socket.end());
      // As a server does when a connection drops mid-response: res and req emit 'close'. (req.destroy()
      // would throw: serverless-express's stand-in socket is no stream.)
      const gone = () => {
        if (socket.writableFinished || socket.destroyed) return;
        socket.destroy();
        request.emit('aborted');
        request.emit('close');
      };
      stream.once('close', gone);
      stream.once('error', gone);
      socket.once('finish', () => resolve());
      socket.once('close', () => resolve());
      framework.sendRequest({ app: app as never, request, response });
    });
}
