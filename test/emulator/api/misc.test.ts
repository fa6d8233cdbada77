import {
  CreateFunctionCommand, GetAccountSettingsCommand, ListFunctionsCommand, PutFunctionConcurrencyCommand, UpdateFunctionCodeCommand,
} from '@aws-sdk/client-lambda';
import { createRole, HANDLER_JS, startHarness, zipOf, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ timeScale: 20, idleTtlSeconds: 100 });
});
afterAll(() => h.close());

test('listens on 127.0.0.1 only; idle reclaim is scaled by the time scale', async () => {
  expect(h.emu.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(h.pool.opts.idleTtlMs).toBe(5000);
  expect(h.pool.opts.endpoint).toBe(h.emu.endpoint);
  const health = await (await fetch(`${h.emu.endpoint}/_zap/health`)).json();
  expect(health).toMatchObject({ ok: true, timeScale: 20, region: 'us-east-1' });
});

test('UpdateFunctionCode with Publish makes a version; ListFunctions ALL lists every version', async () => {
  const role = await createRole(h);
  await h.lambda.send(new CreateFunctionCommand({ FunctionName: 'm', Role: role, Runtime: 'nodejs24.x', Handler: 'index.handler', Code: { ZipFile: await zipOf({ 'index.js': HANDLER_JS }) }, Publish: true }));
  const u = await h.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'm', ZipFile: await zipOf({ 'index.js': HANDLER_JS + '//2' }), Publish: true }));
  expect(u.Version).toBe('2');
  const all = await h.lambda.send(new ListFunctionsCommand({ FunctionVersion: 'ALL' }));
  expect(all.Functions!.map((f) => f.Version)).toEqual(['$LATEST', '1', '2']);
  const latest = await h.lambda.send(new ListFunctionsCommand({}));
  expect(latest.Functions!.map((f) => f.Version)).toEqual(['$LATEST']);
});

test('GetAccountSettings counts functions and unreserved concurrency', async () => {
  await h.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'm', ReservedConcurrentExecutions: 10 }));
  const s = await h.lambda.send(new GetAccountSettingsCommand({}));
  expect(s.AccountUsage?.FunctionCount).toBe(1);
  expect(s.AccountLimit).toMatchObject({ ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 990 });
});
