// The Runtime API's wire contract, driven over real HTTP as a runtime would.
import { RuntimeApi, type RuntimeApiEvents } from '../../../src/emulator/container/runtime-api';

const events = () => {
  const seen: string[] = [];
  const e: RuntimeApiEvents = {
    onNext: () => seen.push('next'),
    onDelivered: (id) => seen.push(`delivered ${id}`),
    onResponse: (id, body) => seen.push(`response ${id} ${body}`),
    onError: (id, body, type) => seen.push(`error ${id} ${type} ${body}`),
    onInitError: (body, type) => seen.push(`init ${type} ${body}`),
  };
  return { seen, e };
};

let api: RuntimeApi;
afterEach(() => api.close());

test('next long-polls until an invocation is delivered, with Lambda\'s headers', async () => {
  const { seen, e } = events();
  api = new RuntimeApi(e);
  const base = `http://${await api.listen()}/2018-06-01/runtime`;
  const next = fetch(`${base}/invocation/next`);
  // The call arrives (bounded wait: a loaded machine may take a while), then stays open: nothing to hand over yet.
  for (let i = 0; i < 500 && !seen.length; i++) await new Promise((r) => setTimeout(r, 10));
  const answered = await Promise.race([next.then(() => true), new Promise((r) => setTimeout(() => r(false), 100))]);
  expect({ seen, answered }).toEqual({ seen: ['next'], answered: false });
  api.deliver({
    requestId: 'req-1', payload: Buffer.from('{"a":1}'), timeoutMs: 3000, invokedFunctionArn: 'arn:x',
    traceId: 'Root=1-x', clientContext: '{"c":1}',
  });
  const res = await next;
  expect(res.status).toBe(200);
  expect(await res.text()).toBe('{"a":1}');
  expect(res.headers.get('lambda-runtime-aws-request-id')).toBe('req-1');
  const deadline = Number(res.headers.get('lambda-runtime-deadline-ms'));
  expect(deadline).toBeGreaterThan(Date.now() + 2000);
  expect(deadline).toBeLessThanOrEqual(Date.now() + 3000);
  expect(res.headers.get('lambda-runtime-invoked-function-arn')).toBe('arn:x');
  expect(res.headers.get('lambda-runtime-trace-id')).toBe('Root=1-x');
  expect(res.headers.get('lambda-runtime-client-context')).toBe('{"c":1}');

  const wrong = await fetch(`${base}/invocation/other/response`, { method: 'POST', body: 'x' });
  expect(wrong.status).toBe(400);
  expect(await wrong.json()).toMatchObject({ errorType: 'InvalidRequestID' });

  const ok = await fetch(`${base}/invocation/req-1/error`, {
    method: 'POST', body: '{"errorType":"E"}', headers: { 'Lambda-Runtime-Function-Error-Type': 'E' },
  });
  expect(ok.status).toBe(202);
  expect(seen).toEqual(['next', 'delivered req-1', 'error req-1 E {"errorType":"E"}']);
  // A result is taken once.
  expect((await fetch(`${base}/invocation/req-1/response`, { method: 'POST', body: '1' })).status).toBe(400);
});

test('an invocation delivered first is handed over on the next call', async () => {
  const { seen, e } = events();
  api = new RuntimeApi(e);
  const base = `http://${await api.listen()}/2018-06-01/runtime`;
  api.deliver({ requestId: 'r2', payload: Buffer.from('{}'), timeoutMs: 1000, invokedFunctionArn: 'a', traceId: 't' });
  const res = await fetch(`${base}/invocation/next`);
  expect(res.headers.get('lambda-runtime-aws-request-id')).toBe('r2');
  expect(res.headers.has('lambda-runtime-client-context')).toBe(false);
  await res.text();
  await fetch(`${base}/invocation/r2/response`, { method: 'POST', body: '"done"' });
  expect(seen).toEqual(['next', 'delivered r2', 'response r2 "done"']);
});

test('init/error and unknown paths', async () => {
  const { seen, e } = events();
  api = new RuntimeApi(e);
  const base = `http://${await api.listen()}/2018-06-01/runtime`;
  const init = await fetch(`${base}/init/error`, {
    method: 'POST', body: '{}', headers: { 'Lambda-Runtime-Function-Error-Type': 'Runtime.ImportModuleError' },
  });
  expect(init.status).toBe(202);
  expect(seen).toEqual(['init Runtime.ImportModuleError {}']);
  expect((await fetch(`${base}/nope`)).status).toBe(404);
});
