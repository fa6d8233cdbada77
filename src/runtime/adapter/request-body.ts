/**
 * serverless-express hands the app a request with the event's body already set as `req.body` (a
 * Buffer, empty for a GET). Behind a real server an IncomingMessage has no `body` until a parser sets
 * one, and handlers rely on that: graphql-http, express-graphql and others read `req.body` when it is
 * set ("a body parser ran") and the stream otherwise, so a POST answered 400 "Missing query". The
 * body stays readable as a stream, as it is behind a server; only the property goes.
 */
export function withoutPresetBody(request: { body?: unknown }): void {
  if (Object.prototype.hasOwnProperty.call(request, 'body')) delete request.body;
}
