// zap.json `streaming: true` on sample-app, deployed once into the emulator: the URL streams what the
// app writes as it writes it, and everything a buffered stage does still holds.
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetFunctionUrlConfigCommand, InvokeWithResponseStreamCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { describeSampleApp } from '../behaviour/sample-app';
import { ZAP_BIN } from '../helpers/cli';
import { UNTHROTTLED, deploySampleApp, httpRequest, type DeployedStage } from '../helpers/deployed';
import { functionUrlEvent } from '../../src/deploy/http-event';

jest.setTimeout(120_000);

let stage: DeployedStage;
let fn: string;
let lambda: LambdaClient;
const ready = (async () => {
  stage = await deploySampleApp({ dev: { streaming: true, keep_warm: 3 }, emulator: { resources: UNTHROTTLED } });
  fn = `${JSON.parse(readFileSync(join(stage.dir, 'zap.json'), 'utf8')).dev.project_name}-dev`;
  lambda = new LambdaClient({ region: 'eu-west-1', endpoint: stage.emulator.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
})();

beforeAll(() => ready);
afterAll(async () => {
  lambda?.destroy();
  await stage?.close();
});

/** Each server-sent event's arrival, in ms after the request left. */
function sseArrivals(url: string, opts: { abortAfter?: number } = {}): Promise<{ status: number; type: string; arrivals: number[]; ids: number[] }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(url, (res) => {
      const arrivals: number[] = [];
      const ids: number[] = [];
      let text = '';
      const done = () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), arrivals, ids });
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        let end: number;
        while ((end = text.indexOf('\n\n')) >= 0) {
          const event = text.slice(0, end);
          text = text.slice(end + 2);
          arrivals.push(performance.now() - started);
          ids.push(Number(/^id: (\d+)/m.exec(event)?.[1]));
          if (opts.abortAfter !== undefined && ids.length >= opts.abortAfter) {
            req.destroy();
            return done();
          }
        }
      });
      res.on('end', done);
      res.on('error', done);
    });
    req.on('error', (e) => (opts.abortAfter !== undefined ? undefined : reject(e)));
    req.end();
  });
}

test('the Function URL is deployed in invoke mode RESPONSE_STREAM', async () => {
  const url = await lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: fn, Qualifier: 'live' }));
  expect(url.InvokeMode).toBe('RESPONSE_STREAM');
});

test('server-sent events arrive as the app writes them: the first within 300 ms, the rest 200 ms apart', async () => {
  await httpRequest(`${stage.url}events?count=1&interval=0`); // a warm container: start-up is not what is measured
  const { status, type, arrivals, ids } = await sseArrivals(`${stage.url}events?count=5&interval=200`);
  expect(status).toBe(200);
  expect(type).toBe('text/event-stream');
  expect(ids).toEqual([0, 1, 2, 3, 4]);
  expect(arrivals[0]).toBeLessThan(300);
  // Written 0, 200, 400, 600 and 800 ms after the app got the request: none can arrive before it was
  // written, and each arrives soon after (a buffered answer would bring all five after the last);
  // 400 ms of room for a loaded machine.
  for (let i = 1; i < 5; i++) {
    expect(arrivals[i]).toBeGreaterThanOrEqual(i * 200 - 5);
    expect(arrivals[i]).toBeLessThan(i * 200 + 400);
  }
});

test('a client that goes away stops the app writing: its container is free (and alive) long before the feed would end', async () => {
  const mine = async () => ((await (await fetch(`${stage.emulator.endpoint}/_zap/containers`)).json()) as { id: string; functionName: string; state: string }[])
    .filter((c) => c.functionName === fn);
  const before = (await mine()).map((c) => c.id).sort();
  const { ids } = await sseArrivals(`${stage.url}events?count=100&interval=50`, { abortAfter: 2 });
  expect(ids).toEqual([0, 1]);
  const deadline = Date.now() + 2000; // the feed alone would hold its container 5 s
  while ((await mine()).some((c) => c.state === 'busy') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const after = await mine();
  expect(after.filter((c) => c.state === 'busy')).toEqual([]);
  // The same containers, none crashed and replaced: the app saw 'close' and stopped.
  expect(after.map((c) => c.id).sort()).toEqual(before);
});

test('the AWS SDK reads InvokeWithResponseStream: the HTTP prelude, then the body in chunks, then InvokeComplete', async () => {
  const event = functionUrlEvent({ method: 'GET', path: '/events?count=3&interval=50', headers: {} });
  const out = await lambda.send(new InvokeWithResponseStreamCommand({ FunctionName: fn, Qualifier: 'live', Payload: JSON.stringify(event) }));
  expect(out.StatusCode).toBe(200);
  expect(out.ResponseStreamContentType).toBe('application/vnd.awslambda.http-integration-response');
  const chunks: Buffer[] = [];
  let complete: { ErrorCode?: string } | undefined;
  for await (const e of out.EventStream!) {
    if (e.PayloadChunk?.Payload) chunks.push(Buffer.from(e.PayloadChunk.Payload));
    if (e.InvokeComplete) complete = e.InvokeComplete;
  }
  expect(chunks.length).toBeGreaterThan(1);
  expect(complete).toBeDefined();
  expect(complete!.ErrorCode).toBeUndefined();
  const all = Buffer.concat(chunks);
  const split = all.indexOf(Buffer.alloc(8));
  expect(JSON.parse(all.subarray(0, split).toString())).toMatchObject({ statusCode: 200, headers: { 'content-type': 'text/event-stream' } });
  expect(all.subarray(split + 8).toString().match(/^id: \d+$/gm)).toEqual(['id: 0', 'id: 1', 'id: 2']);
});

test('keep-warm holds N/N with streaming on: a tick answers through the streaming handler, every app booted', async () => {
  const res = await fetch(`${stage.emulator.endpoint}/_zap/clock`, { method: 'POST', body: JSON.stringify({ rule: `${fn}-keep-warm` }) });
  const fired = ((await res.json()) as { fired: { invoked: boolean; result?: unknown }[] }).fired;
  expect(fired).toHaveLength(1);
  const leader = JSON.stringify(fired[0]!.result ?? '');
  expect(leader).toMatch(/"held":3/);
  expect(leader).toMatch(/"apps_ready":3/);
});

test('zap invoke --path prints the head, then each event as it arrives', async () => {
  const child = spawn(process.execPath, [ZAP_BIN, 'invoke', 'dev', '--path', '/events?count=3&interval=400'], {
    cwd: stage.dir, env: { ...process.env, ...stage.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const seen: { at: number; text: string }[] = [];
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => seen.push({ at: performance.now(), text: d.toString() }));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const code = await new Promise((resolve) => child.on('close', resolve));
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  const out = seen.map((s) => s.text).join('');
  expect(out).toMatch(/^HTTP 200 \(streamed\)\n/);
  expect(out).toMatch(/^content-type: text\/event-stream$/m);
  expect(out.match(/^id: \d+$/gm)).toEqual(['id: 0', 'id: 1', 'id: 2']);
  // The events were written 400 ms apart: the last reached stdout well after the first.
  const when = (id: number) => seen.find((s, i) => seen.slice(0, i + 1).map((x) => x.text).join('').includes(`id: ${id}`))!.at;
  expect(when(2) - when(0)).toBeGreaterThanOrEqual(600);
});

describeSampleApp('streamed through a RESPONSE_STREAM Function URL', async () => {
  await ready;
  const base = stage.url.replace(/\/$/, '');
  return { request: (method, path, init) => httpRequest(`${base}${path}`, method, init) };
});
