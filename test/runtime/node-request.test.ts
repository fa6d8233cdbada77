/** The request an app gets on Lambda looks as it does behind node's own server: no `req.body` until a parser sets one. */
import express from 'express';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { makeHttpHandler } from '../../src/runtime/adapter/http-handler';
import { functionUrlEvent } from '../helpers/artifact-client';

const ctx = { getRemainingTimeInMillis: () => 10_000 };
type Answer = { statusCode: number; body: string };

/** graphql-http's express handler: `req.body` when a parser set it, else the raw stream. */
function graphqlHttpLike(req: IncomingMessage & { body?: unknown }, res: ServerResponse): void {
  if (req.body) {
    res.end(JSON.stringify({ from: 'parser', query: (req.body as { query?: string }).query ?? null }));
    return;
  }
  let text = '';
  req.on('data', (c: Buffer) => (text += c));
  req.on('end', () => res.end(JSON.stringify({ from: 'stream', query: JSON.parse(text).query })));
}

const post = (path: string) => functionUrlEvent('POST', path, { headers: { 'content-type': 'application/json' }, body: '{"query":"{ hello }"}' });

test('an Express app with no body parser reads the POST body from the stream, and req.body is unset, as under node', async () => {
  const app = express();
  app.get('/has-body', (req, res) => res.json({ has: 'body' in req, body: req.body ?? null }));
  app.post('/graphql', graphqlHttpLike);
  app.post('/parsed', express.json(), graphqlHttpLike);
  const handler = makeHttpHandler(app);
  const plain = (await handler(post('/graphql'), ctx)) as Answer;
  expect(plain.statusCode).toBe(200);
  expect(JSON.parse(plain.body)).toEqual({ from: 'stream', query: '{ hello }' });
  // A parser in front still sets req.body from the same bytes.
  expect(JSON.parse(((await handler(post('/parsed'), ctx)) as Answer).body)).toEqual({ from: 'parser', query: '{ hello }' });
  expect(JSON.parse(((await handler(functionUrlEvent('GET', '/has-body'), ctx)) as Answer).body)).toEqual({ has: false, body: null });
});

test('an http.Server serving through its own listener gets the same request', async () => {
  const server = createServer(graphqlHttpLike);
  server.on('request', () => undefined); // two listeners: the server itself serves, not an app
  const got = (await makeHttpHandler(server)(post('/graphql'), ctx)) as Answer;
  expect(JSON.parse(got.body)).toEqual({ from: 'stream', query: '{ hello }' });
});
