/** A response's 'finish' comes after Node marks it ended, as behind a real socket (pino-http's "request completed"). */
import express from 'express';
import { makeHttpHandler } from '../../src/runtime/adapter/http-handler';
import { functionUrlEvent } from '../helpers/artifact-client';
import { createServer } from 'node:http';

type Seen = { writableEnded: boolean; readableAborted: boolean };

function appRecordingFinish(seen: Seen[]) {
  const app = express();
  app.use((req, res, next) => {
    // pino-http's default message: 'request completed' when this holds on 'finish', else 'request aborted'.
    res.on('finish', () => seen.push({ writableEnded: res.writableEnded, readableAborted: req.readableAborted }));
    next();
  });
  app.get('/', (_req, res) => res.json({ ok: true }));
  app.post('/items', express.json(), (req, res) => res.status(201).json(req.body));
  return app;
}

const ctx = { getRemainingTimeInMillis: () => 10_000 };

test('an Express app served as a function sees its response ended when "finish" fires, as under node', async () => {
  const seen: Seen[] = [];
  const handler = makeHttpHandler(appRecordingFinish(seen));
  const got = (await handler(functionUrlEvent('GET', '/'), ctx)) as { statusCode: number; body: string };
  expect(got.statusCode).toBe(200);
  expect(got.body).toBe('{"ok":true}');
  const posted = (await handler(functionUrlEvent('POST', '/items', { headers: { 'content-type': 'application/json' }, body: '{"a":1}' }), ctx)) as { statusCode: number; body: string };
  expect(posted.statusCode).toBe(201);
  expect(posted.body).toBe('{"a":1}');
  expect(seen).toEqual([{ writableEnded: true, readableAborted: false }, { writableEnded: true, readableAborted: false }]);
});

test('an http.Server whose own listener serves (not an Express app) sees the same order', async () => {
  const seen: boolean[] = [];
  const server = createServer((_req, res) => {
    res.on('finish', () => seen.push(res.writableEnded));
    res.end('plain');
  });
  server.on('request', () => undefined); // two listeners: the server itself serves, not an app
  const got = (await makeHttpHandler(server)(functionUrlEvent('GET', '/'), ctx)) as { statusCode: number; body: string };
  expect(got.body).toBe('plain');
  expect(seen).toEqual([true]);
});
