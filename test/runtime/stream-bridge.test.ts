/**
 * The bridge from an Express app to Lambda's response stream (src/runtime/adapter/stream-handler.ts),
 * driven with a stand-in for the stream Lambda's Node runtime hands a streamifyResponse handler:
 * a writable whose prelude (JSON + 8 NUL bytes) goes before the first body byte.
 */
import { Writable } from 'node:stream';
import express from 'express';
import { makeStreamHandler } from '../../src/runtime/adapter/stream-handler';
import { functionUrlEvent } from '../../src/deploy/http-event';

interface Written { at: number; bytes: Buffer }

/** Records each write with its time; `from` mimics awslambda.HttpResponseStream.from. */
function lambdaStream() {
  const writes: Written[] = [];
  let before: ((w: (c: Uint8Array | string) => void) => void) | undefined;
  const stream = new Writable({
    write(chunk: Buffer, _e, cb) {
      writes.push({ at: performance.now(), bytes: chunk });
      cb();
    },
  }) as Writable & { _onBeforeFirstWrite?: typeof before };
  const write = stream.write.bind(stream);
  let first = true;
  stream.write = ((c: any, ...rest: any[]) => {
    if (first) {
      first = false;
      stream._onBeforeFirstWrite?.((x) => write(Buffer.from(x as Uint8Array)));
    }
    return write(c, ...rest);
  }) as typeof stream.write;
  const from = (s: any, prelude: unknown) => {
    s._onBeforeFirstWrite = (w: (c: Uint8Array | string) => void) => {
      w(JSON.stringify(prelude));
      w(new Uint8Array(8));
    };
    return s;
  };
  const all = () => Buffer.concat(writes.map((w) => w.bytes));
  const prelude = () => JSON.parse(all().subarray(0, all().indexOf(Buffer.alloc(8))).toString());
  const body = () => all().subarray(all().indexOf(Buffer.alloc(8)) + 8);
  return { stream, from, writes, prelude, body };
}

const event = (path: string) => functionUrlEvent({ method: 'GET', path, headers: { cookie: 'a=1' } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('flushHeaders sends status and headers before any body; each write follows as it is made', async () => {
  const app = express();
  app.get('/feed', async (_req, res) => {
    res.status(202).set('x-kind', 'feed').type('text/event-stream');
    res.cookie('s', '1');
    res.cookie('t', '2');
    res.flushHeaders();
    await sleep(80);
    res.write('data: 1\n\n');
    await sleep(80);
    res.end('data: 2\n\n');
  });
  const l = lambdaStream();
  const t0 = performance.now();
  const done = makeStreamHandler(app)(event('/feed'), l.stream as never, {}, l.from);
  await sleep(40);
  expect(l.prelude()).toEqual({ statusCode: 202, headers: expect.objectContaining({ 'x-kind': 'feed', 'content-type': 'text/event-stream; charset=utf-8' }), cookies: ['s=1; Path=/', 't=2; Path=/'] });
  expect(l.body().length).toBe(0);
  await done;
  expect(l.body().toString()).toBe('data: 1\n\ndata: 2\n\n');
  const bodyWrites = l.writes.filter((w) => w.bytes.length && !w.bytes.every((b) => b === 0) && w.bytes[0] !== 0x7b);
  expect(bodyWrites.map((w) => w.bytes.toString())).toEqual(['data: 1\n\n', 'data: 2\n\n']);
  expect(bodyWrites[0]!.at - t0).toBeGreaterThanOrEqual(75);
  expect(l.stream.writableFinished).toBe(true);
});

test('an answer with no body (204) still sends its prelude, then ends', async () => {
  const app = express();
  app.get('/none', (_req, res) => void res.status(204).end());
  const l = lambdaStream();
  await makeStreamHandler(app)(event('/none'), l.stream as never, {}, l.from);
  expect(l.prelude()).toMatchObject({ statusCode: 204 });
  expect(l.body().length).toBe(0);
});

test('the stream closing early (the client left) closes req and res: the app stops writing', async () => {
  const app = express();
  let writes = 0;
  let closed = false;
  app.get('/ticks', (req, res) => {
    res.type('text/plain');
    const timer = setInterval(() => (writes++, res.write('tick\n')), 10);
    req.on('close', () => {
      closed = true;
      clearInterval(timer);
    });
  });
  const l = lambdaStream();
  const done = makeStreamHandler(app)(event('/ticks'), l.stream as never, {}, l.from);
  await sleep(60);
  l.stream.destroy();
  await done;
  const at = writes;
  await sleep(60);
  expect(closed).toBe(true);
  expect(writes).toBe(at);
});

test('the request arrives as in the buffered path: method, path, query and cookies', async () => {
  const app = express();
  app.get('/who', (req, res) => void res.json({ path: req.path, q: req.query, cookie: req.headers.cookie }));
  const l = lambdaStream();
  await makeStreamHandler(app)(event('/who?x=1&x=2'), l.stream as never, {}, l.from);
  expect(JSON.parse(l.body().toString())).toEqual({ path: '/who', q: { x: ['1', '2'] }, cookie: 'a=1' });
});
