// The compile cache through a real deploy into the emulator: made by $LATEST, shipped, used by the
// warm containers, reported by zap status; a stale one is reported and `zap update` replaces it.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvokeCommand, LambdaClient, PublishVersionCommand, UpdateAliasCommand, UpdateFunctionCodeCommand, waitUntilFunctionUpdatedV2, waitUntilPublishedVersionActive } from '@aws-sdk/client-lambda';
import { UNTHROTTLED, deploySampleApp, httpRequest, type DeployedStage } from '../helpers/deployed';
import { WRITE_OPERATION, succeeded } from '../helpers/in-process';
import { zapInProcess } from '../helpers/stage-zap';
import { CACHE_FILE, decodeCacheFile, encodeCacheFile } from '../../src/contracts/compile-cache-format';
import { readZipEntries, withCacheFile } from '../../src/package/compile-cache';

jest.setTimeout(240_000);

const writes = (calls: string[]) => calls.filter((c) => WRITE_OPERATION.test(c));

let stage: DeployedStage;
let fn: string;
let lambda: LambdaClient;

const cacheDir = () => join(stage.dir, '.zap', 'dev', 'compile-cache');
const keptCaches = () => (existsSync(cacheDir()) ? readdirSync(cacheDir()).filter((f) => f.endsWith('.bin')) : []);
const artifactZip = () => readFileSync(join(stage.dir, '.zap', 'dev', `${fn}.zip`));

async function tick(): Promise<void> {
  const res = await fetch(`${stage.emulator.endpoint}/_zap/clock`, { method: 'POST', body: JSON.stringify({ rule: `${fn}-keep-warm` }) });
  const { fired } = (await res.json()) as { fired: { invoked: boolean }[] };
  expect(fired.map((f) => f.invoked)).toEqual([true]);
}

async function status(): Promise<any> {
  const res = await zapInProcess(stage, ['status', 'dev', '--json']);
  expect(res.code).toBe(0);
  return JSON.parse(res.stdout);
}

async function warmAnswer(): Promise<any> {
  const out = await lambda.send(new InvokeCommand({ FunctionName: fn, Qualifier: 'live', Payload: Buffer.from(JSON.stringify({ zap: 'keep_warm', concurrency: 1 })) }));
  return JSON.parse(Buffer.from(out.Payload!).toString('utf8'));
}

beforeAll(async () => {
  stage = await deploySampleApp({ emulator: { resources: UNTHROTTLED } });
  fn = `${JSON.parse(readFileSync(join(stage.dir, 'zap.json'), 'utf8')).dev.project_name}-dev`;
  lambda = new LambdaClient({ region: 'eu-west-1', endpoint: stage.emulator.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
});
afterAll(async () => {
  lambda?.destroy();
  await stage?.close();
});

test('deploy ships a cache made by $LATEST: warm answers and zap status say "hit"', async () => {
  expect(keptCaches()).toHaveLength(1);
  expect((await readZipEntries(artifactZip())).has(CACHE_FILE)).toBe(true);
  const warm = await warmAnswer();
  expect(warm).toMatchObject({ zap: 'keep_warm', app_ready: true, compile_cache: 'hit' });
  expect((await httpRequest(stage.url)).status).toBe(200);
  await tick();
  const s = await status();
  expect(s.compile_cache).toEqual({ setting: true, last_tick: 'hit' });
  expect(s.warnings.join('\n')).not.toMatch(/compile cache/);
});

test('a second deploy with nothing changed ships the kept cache again, invokes nothing and writes nothing', async () => {
  const res = await stage.deploy();
  succeeded(res);
  expect(res.stderr).toMatch(/compile-cache.*packaged with the code; runtime version unchanged/);
  expect(res.calls).not.toContain('Lambda Invoke');
  expect(writes(res.calls)).toEqual([]);
  // zap update asks $LATEST, which loads the shipped cache: "hit", nothing to write either.
  const update = await stage.deploy({ update: true });
  succeeded(update);
  expect(update.stderr).toMatch(/compile-cache.*used by \$LATEST \(Node v24\./);
  expect(writes(update.calls)).toEqual([]);
  const plan = await stage.deploy({ plan: true });
  succeeded(plan);
  expect(plan.calls).not.toContain('Lambda Invoke');
  expect(writes(plan.calls)).toEqual([]);
});

test('a runtime update makes the cache stale: status warns, and zap update makes a new one', async () => {
  // What a Lambda runtime update looks like from here: the deployed cache (and the one kept locally)
  // were made on a Node patch version the function no longer runs on.
  const [kept] = keptCaches();
  const d = decodeCacheFile(readFileSync(join(cacheDir(), kept!)));
  if (!d.ok) throw new Error(d.reason);
  const { data_bytes: _b, data_crc32: _c, ...header } = d.header;
  const old = encodeCacheFile({ ...header, node: 'v24.0.0' }, d.data);
  writeFileSync(join(cacheDir(), kept!), old);
  const stale = await withCacheFile(artifactZip(), old);
  await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: fn, ZipFile: stale.zip }));
  await waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 60, minDelay: 1, maxDelay: 1 }, { FunctionName: fn });
  const v = await lambda.send(new PublishVersionCommand({ FunctionName: fn }));
  await waitUntilPublishedVersionActive({ client: lambda, maxWaitTime: 60, minDelay: 1, maxDelay: 1 }, { FunctionName: fn, Qualifier: v.Version });
  await lambda.send(new UpdateAliasCommand({ FunctionName: fn, Name: 'live', FunctionVersion: v.Version }));

  expect(await warmAnswer()).toMatchObject({ app_ready: true, compile_cache: 'miss' });
  expect((await httpRequest(stage.url)).status).toBe(200);
  await tick();
  const before = await status();
  expect(before.compile_cache).toEqual({ setting: true, last_tick: 'miss' });
  expect(before.warnings).toContainEqual(expect.stringMatching(/^compile cache stale: .* run zap update dev$/));

  const res = await stage.deploy({ update: true });
  succeeded(res);
  expect(res.stderr).toMatch(/update code with a compile cache made on Node v24\.\d+\.\d+ \w+, \d+ KiB \(made on Node v24\.0\.0/);
  expect(await warmAnswer()).toMatchObject({ compile_cache: 'hit' });
  await tick();
  const after = await status();
  expect(after.compile_cache).toEqual({ setting: true, last_tick: 'hit' });
  expect(after.warnings.join('\n')).not.toMatch(/compile cache/);
  const fresh = decodeCacheFile(readFileSync(join(cacheDir(), keptCaches()[0]!)));
  expect(fresh.ok && fresh.header.node).toBe(process.versions.node.startsWith('24.') ? process.version : expect.stringMatching(/^v24\./));
});

test('compile_cache: false ships no cache, asks $LATEST nothing, and warm answers say "off"', async () => {
  stage.setDev({ compile_cache: false });
  const res = await stage.deploy({ update: true });
  succeeded(res);
  expect(res.stderr).toMatch(/compile-cache.*off \(compile_cache: false\)/);
  // The only invoke is the prewarm of the new version.
  expect(res.calls.filter((c) => c === 'Lambda Invoke')).toHaveLength(1);
  expect((await readZipEntries(artifactZip())).has(CACHE_FILE)).toBe(false);
  expect(await warmAnswer()).toMatchObject({ app_ready: true, compile_cache: 'off' });
  await tick();
  expect((await status()).compile_cache).toEqual({ setting: false, last_tick: 'off' });
});
