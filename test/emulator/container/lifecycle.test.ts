// How one invocation starts and ends inside a real container: answers, errors, timeouts, crashes.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { findNodeBinary } from '../../../src/util/node-binary';
import { ContainerPool } from '../../../src/emulator/container/pool';
import { json, logRecorder, opts, pidAlive, removeFixtures, spec, UNTHROTTLED, waitFor } from './helpers';

let pool: ContainerPool;
let logs: ReturnType<typeof logRecorder>;

beforeEach(() => {
  logs = logRecorder();
  pool = new ContainerPool({ endpoint: 'http://127.0.0.1:9', idleTtlMs: 60_000, onLog: logs.sink, resources: UNTHROTTLED });
});
afterEach(() => pool.close());
afterAll(removeFixtures);

const body = (r: { payload: Buffer }) => JSON.parse(r.payload.toString());
const messages = (requestId?: string) =>
  logs.records.map((r) => r.message).filter((m) => !requestId || m.includes(requestId));

test('a handler answers through the Runtime API from a child on the runtime\'s Node', async () => {
  const s = spec('hello', { environment: { GREETING: 'hi' }, memorySize: 512, version: '7' });
  process.env.ZAP_PARENT_ONLY = 'leak';
  const o = opts(s, { clientContext: Buffer.from('{"custom":{"a":1}}').toString('base64') });
  const r = await pool.invoke(s, json({ q: 1 }), o);
  delete process.env.ZAP_PARENT_ONLY;
  const out = body(r);
  expect(r.functionError).toBeUndefined();
  expect(out.version).toMatch(/^v24\./);
  expect(out.pid).not.toBe(process.pid);
  expect(out.event).toEqual({ q: 1 });
  expect(out.cwd).toBe(s.codeDir);
  expect(out.context).toMatchObject({
    awsRequestId: o.requestId, invokedFunctionArn: s.functionArn, functionName: 'hello', functionVersion: '7',
    memoryLimitInMB: '512', logGroupName: '/aws/lambda/hello', callbackWaitsForEmptyEventLoop: true,
    clientContext: { custom: { a: 1 } },
  });
  expect(out.context.remaining).toBeGreaterThan(5000);
  expect(out.context.remaining).toBeLessThanOrEqual(10_000);
  expect(out.env).toMatchObject({
    GREETING: 'hi', AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x', TZ: ':UTC', _HANDLER: 'index.handler',
    AWS_LAMBDA_FUNCTION_VERSION: '7', AWS_ACCESS_KEY_ID: 'test', AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    LAMBDA_TASK_ROOT: s.codeDir,
  });
  expect(out.env.AWS_LAMBDA_RUNTIME_API).toMatch(/^127\.0\.0\.1:\d+$/);
  expect(out.env._X_AMZN_TRACE_ID).toMatch(/^Root=1-/);
  expect(out.env.ZAP_PARENT_ONLY).toBeUndefined();
  expect(out.env.NODE_OPTIONS).toBeUndefined();
  expect(out.tmp).not.toBe(require('node:os').tmpdir());
  expect(out.context.logStreamName).toBe(pool.list()[0].logStream);
});

test('START/END/REPORT in Lambda\'s format; Init Duration on the first REPORT only', async () => {
  const s = spec('hello', { memorySize: 256 });
  const first = opts(s);
  const second = opts(s);
  await pool.invoke(s, json({}), first);
  const r2 = await pool.invoke(s, json({}), second);
  const stream = pool.list()[0].logStream;
  expect(stream).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
  expect(logs.records.every((r) => r.group === '/aws/lambda/hello' && r.stream === stream)).toBe(true);
  const all = messages();
  // Lines written at init, outside any invocation, still reach the log, before the first START.
  expect(all[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z\tundefined\tINFO\tinit line\n$/);
  const m1 = messages(first.requestId);
  expect(m1[0]).toBe(`START RequestId: ${first.requestId} Version: $LATEST\n`);
  expect(m1[1]).toMatch(new RegExp(`^\\d{4}-[\\d-]+T[\\d:.]+Z\\t${first.requestId}\\tINFO\\thello from ${first.requestId}\\n$`));
  expect(m1[2]).toMatch(new RegExp(`\\t${first.requestId}\\tWARN\\tmulti\\nline\\n$`));
  expect(m1[3]).toBe(`END RequestId: ${first.requestId}\n`);
  const report = new RegExp(
    `^REPORT RequestId: ${first.requestId}\\tDuration: (\\d+\\.\\d\\d) ms\\tBilled Duration: (\\d+) ms\\t` +
      'Memory Size: 256 MB\\tMax Memory Used: (\\d+) MB\\tInit Duration: \\d+\\.\\d\\d ms\\t\\n$',
  );
  const [, duration, billed, used] = report.exec(m1[4]) ?? [];
  expect(Number(billed)).toBe(Math.ceil(Number(duration)));
  expect(Number(used)).toBeGreaterThan(10);
  const m2 = messages(second.requestId);
  expect(m2).toHaveLength(5);
  expect(m2[4]).not.toContain('Init Duration');
  expect(m2[4]).toMatch(/\tMax Memory Used: \d+ MB\t\n$/);
  expect(r2.logTail).toBe(m2.join(''));
  expect(pool.list()[0].initDurationMs).toBeGreaterThan(0);
});

test('a function error comes back Unhandled with errorType, errorMessage and trace', async () => {
  const s = spec('throws');
  const o = opts(s);
  const r = await pool.invoke(s, json({}), o);
  expect(r.functionError).toBe('Unhandled');
  expect(body(r)).toMatchObject({ errorType: 'TypeError', errorMessage: 'boom', trace: expect.any(Array) });
  expect(r.logTail).toMatch(new RegExp(`\\t${o.requestId}\\tERROR\\tInvoke Error \\t\\{"errorType":"TypeError"`));
  // The container survives a function error.
  const again = await pool.invoke(s, json({}), opts(s));
  expect(again.coldStart).toBe(false);
});

test('a response over 6 MB is Function.ResponseSizeTooLarge; the container carries on', async () => {
  const s = spec('big');
  const r = await pool.invoke(s, json({ big: true }), opts(s));
  expect(r.functionError).toBe('Unhandled');
  expect(body(r).errorType).toBe('Function.ResponseSizeTooLarge');
  const next = await pool.invoke(s, json({}), opts(s));
  expect(next.functionError).toBeUndefined();
  expect(next.coldStart).toBe(false);
});

test('the timeout kills the container and reports as Lambda does', async () => {
  const s = spec('slow', { timeoutSeconds: 1 });
  const warm = await pool.invoke(s, json({}), opts(s));
  const pid = body(warm).pid;
  const o = opts(s);
  const r = await pool.invoke(s, json({ ms: 20_000 }), o);
  expect(r.functionError).toBe('Unhandled');
  expect(body(r).errorMessage).toMatch(new RegExp(`^\\d{4}-[\\d-]+T[\\d:.]+Z ${o.requestId} Task timed out after 1\\.\\d\\d seconds$`));
  expect(r.logTail).toMatch(/Task timed out after 1\.\d\d seconds\n/);
  expect(r.logTail).toMatch(/\tStatus: timeout\t\n$/);
  expect(pidAlive(pid)).toBe(false);
  expect(pool.list()).toHaveLength(0);
  expect((await pool.invoke(s, json({}), opts(s))).coldStart).toBe(true);
});

test('a crash costs only that container: Runtime.ExitError, and the next invoke works', async () => {
  const s = spec('crash');
  const [a, b] = await Promise.all([pool.invoke(s, json({}), opts(s)), pool.invoke(s, json({}), opts(s))]);
  expect(pool.list()).toHaveLength(2);
  const o = opts(s);
  const r = await pool.invoke(s, json({ crash: true }), o);
  expect(r.functionError).toBe('Unhandled');
  expect(body(r)).toEqual({
    errorType: 'Runtime.ExitError',
    errorMessage: `RequestId: ${o.requestId} Error: Runtime exited with error: exit status 1`,
  });
  expect(r.logTail).toContain('about to crash');
  expect(r.logTail).toContain(`END RequestId: ${o.requestId}`);
  expect(pool.list()).toHaveLength(1);
  const survivors = [body(a).pid, body(b).pid].filter(pidAlive);
  expect(survivors).toHaveLength(1);
  const next = await pool.invoke(s, json({}), opts(s));
  expect(next.functionError).toBeUndefined();
  expect(body(next).pid).toBe(survivors[0]);
});

test('a container that dies between invocations leaves the pool', async () => {
  // Unfrozen (--no-freeze): a frozen container's timer would fire only at its next invocation.
  await pool.close();
  pool = new ContainerPool({ endpoint: 'http://127.0.0.1:9', idleTtlMs: 60_000, onLog: logs.sink, resources: { ...UNTHROTTLED, freeze: false } });
  const s = spec('crash');
  const r = await pool.invoke(s, json({ crashLater: true }), opts(s));
  expect(r.functionError).toBeUndefined();
  expect(await waitFor(() => pool.list().length === 0)).toBe(true);
  expect((await pool.invoke(s, json({}), opts(s))).coldStart).toBe(true);
});

test('an init error is reported as Runtime.ImportModuleError and the container discarded', async () => {
  const s = spec('import-error');
  const o = opts(s);
  const r = await pool.invoke(s, json({}), o);
  expect(r.functionError).toBe('Unhandled');
  expect(body(r)).toMatchObject({ errorType: 'Runtime.ImportModuleError' });
  expect(body(r).errorMessage).toContain("Cannot find module 'zap-package-that-does-not-exist'");
  expect(r.logTail).toMatch(/\tundefined\tERROR\tInit Error \t\{"errorType":"Runtime.ImportModuleError"/);
  expect(r.logTail).toMatch(/\tInit Duration: [\d.]+ ms\tStatus: error\tError Type: Runtime.ImportModuleError\t\n$/);
  expect(pool.list()).toHaveLength(0);
});

test('ESM in .js (type module, top-level await) and nested handler paths load', async () => {
  const s = spec('esm-js');
  expect(body(await pool.invoke(s, json({}), opts(s)))).toEqual({ kind: 'esm-js', ready: 'ready' });
  const nested = spec('esm-js', { handler: 'index.nested.deep.fn', codeDir: s.codeDir, codeSha256: 'other' });
  expect(body(await pool.invoke(nested, json({}), opts(nested)))).toBe('nested');
});

test('a missing export is Runtime.HandlerNotFound', async () => {
  const s = spec('not-exported');
  const r = await pool.invoke(s, json({}), opts(s));
  expect(body(r)).toMatchObject({ errorType: 'Runtime.HandlerNotFound', errorMessage: 'index.handler is undefined or not exported' });
});

test('nodejs24.x refuses a callback-style handler', async () => {
  const s = spec('callback');
  const r = await pool.invoke(s, json({}), opts(s));
  expect(r.functionError).toBe('Unhandled');
  expect(body(r).errorType).toBe('Runtime.CallbackHandlerDeprecated');
});

const node22 = findNodeBinary(22) ? test : test.skip;
node22('nodejs22.x still runs a callback-style handler', async () => {
  const s = spec('callback', { runtime: 'nodejs22.x' });
  const r = await pool.invoke(s, json({}), opts(s));
  expect(body(r)).toBe('from a callback');
});

test('a runtime with no Node binary fails the invoke with a clear error', async () => {
  const s = spec('hello', { runtime: 'nodejs8.x' });
  await expect(pool.invoke(s, json({}), opts(s))).rejects.toThrow(/unsupported runtime|needs Node/);
  expect(pool.list()).toHaveLength(0);
});

test('the runtime provides the AWS SDK, pointed at the pool\'s endpoint', async () => {
  const seen: { url?: string; auth?: string; host?: string }[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    seen.push({ url: req.url, auth: req.headers.authorization, host: req.headers.host });
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"Functions":[{"FunctionName":"x"}]}'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sdkPool = new ContainerPool({ endpoint, idleTtlMs: 60_000, onLog: logs.sink, resources: UNTHROTTLED });
  try {
    const s = spec('sdk');
    const r = await sdkPool.invoke(s, json({}), opts(s));
    expect(r.functionError).toBeUndefined();
    expect(body(r)).toEqual({ functions: [{ FunctionName: 'x' }], endpoint });
    expect(seen).toHaveLength(1);
    expect(seen[0].url).toMatch(/^\/2015-03-31\/functions/);
    expect(seen[0].auth).toContain('Credential=test/');
    const esm = spec('esm', { handler: 'index.handler' });
    expect(body(await sdkPool.invoke(esm, json({}), opts(esm)))).toEqual({ esm: true, client: 'function' });
  } finally {
    await sdkPool.close();
    server.close();
  }
});
