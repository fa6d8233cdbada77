import express, { type NextFunction, type Request, type Response } from 'express';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCookies } from './cookies';
import { renderHtml } from './views';
import { findUser, pickFields } from './users';

// Works under CommonJS (and zap's bundle) and under ESM runners alike.
const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));

/** An 8×8 gradient PNG: real binary bytes (0x89 first) for the base64 paths. */
export const LOGO_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAJUlEQVR42mNgYGBQUFBwcHBISEhoaGhYsGDBgQMHHjx4wDC0JABYmVQBndcjhQAAAABJRU5ErkJggg==',
  'base64',
);

export const app = express();
app.engine('html', renderHtml);
app.set('views', join(here, 'views'));
app.set('view engine', 'html');

app.use('/static', express.static(join(here, 'public')));

app.get('/', (_req, res) => {
  res.type('html').send('<!doctype html><title>zap sample</title><h1>Hello from zap-sample-app</h1>');
});

app.get('/users/:id', (req, res) => {
  const user = findUser(req.params.id);
  if (!user) return void res.status(404).json({ error: `no user ${req.params.id}` });
  res.json(pickFields(user, typeof req.query.fields === 'string' ? req.query.fields : undefined));
});

// Holds its container for a while (at most 5 s): lets tests and users see concurrent requests spread over containers.
app.get('/slow', async (req, res) => {
  const ms = Math.min(Math.max(Number(req.query.ms) || 500, 0), 5000);
  await new Promise((resolve) => setTimeout(resolve, ms));
  res.json({ slept_ms: ms, pid: process.pid });
});

// A progress feed as server-sent events: `count` events (default 5, at most 1000), `interval` ms apart (default 200).
app.get('/events', (req, res) => {
  const count = Math.min(Math.max(Number(req.query.count) || 5, 1), 1000);
  const interval = Math.min(Math.max(Number(req.query.interval ?? 200) || 0, 0), 5000);
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.flushHeaders();
  let sent = 0;
  const send = () => {
    res.write(`id: ${sent}\ndata: ${JSON.stringify({ n: sent, of: count, at: Date.now() })}\n\n`);
    if (++sent === count) {
      clearInterval(timer);
      res.end();
    }
  };
  const timer = setInterval(send, interval);
  send();
  req.on('close', () => clearInterval(timer));
});

app.get('/query', (req, res) => {
  res.json({ query: req.query });
});

app.post('/echo', express.json(), (req, res) => {
  res.status(201).json({ received: req.body, contentType: req.get('content-type') });
});

app.post('/upload', express.raw({ type: 'application/octet-stream', limit: '5mb' }), (req, res) => {
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  res.json({ bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') });
});

app.get('/cookies', (req, res) => {
  res.json({ cookies: parseCookies(req.headers.cookie) });
});

app.post('/login', (_req, res) => {
  res.cookie('session', 'abc123', { httpOnly: true, path: '/' });
  res.cookie('theme', 'dark', { path: '/' });
  res.json({ ok: true });
});

app.get('/logo.png', (_req, res) => {
  res.type('png').send(LOGO_PNG);
});

app.get('/about', (_req, res) => {
  res.render('about', { title: 'About zap-sample-app', runtime: `Node ${process.versions.node}` });
});

app.get('/boom', () => {
  throw new Error('boom');
});

// No catch-all 404: unmatched routes get Express's own 404, as behind a real server.
app.use((err: Error, _req: Request, res: Response, _next: NextFunction) => {
  res.status(500).json({ error: err.message });
});
