// The compile cache inside a fresh Node 24 process: used when it fits ("hit"), and when it is stale,
// corrupt, foreign or turned off the app loads from source with exactly the same answers.
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeSampleApp } from '../behaviour/sample-app';
import { buildArtifact, removeDir, tempDir, REPO, type Artifact } from '../helpers/artifact';
import { ArtifactProcess } from '../helpers/artifact-process';
import { functionUrlClient, functionUrlEvent, fromV2Result } from '../helpers/artifact-client';
import { CACHE_FILE, decodeCacheFile, encodeCacheFile } from '../../src/contracts/compile-cache-format';
import { nodeBinaryFor } from '../../src/util/node-binary';

jest.setTimeout(120_000);

let artifact: Artifact;
let work: string;
let cache: Buffer;
const processes: ArtifactProcess[] = [];

async function start(dir: string, env: Record<string, string> = {}): Promise<ArtifactProcess> {
  const p = new ArtifactProcess(dir, env);
  processes.push(p);
  return p.whenReady();
}

/** A copy of the unzipped artifact, changed by `edit`. */
let copies = 0;
function variant(edit: (dir: string) => void): string {
  const dir = join(work, `v${++copies}`);
  cpSync(artifact.dir, dir, { recursive: true });
  edit(dir);
  return dir;
}

const BUNDLE = 'src/zap-app.cjs';
const PATHS = ['/', '/users/42', '/about', '/query?a=1&b=two', '/no-such-page', '/boom'];

/** How a fresh container loaded the app (from its warm answer), and what it answers to a few requests. */
async function observe(dir: string, env: Record<string, string> = {}) {
  const p = await start(dir, env);
  const warm = (await p.invoke({ zap: 'keep_warm', concurrency: 1 })).result;
  const answers = [];
  for (const path of PATHS) {
    const r = fromV2Result((await p.invoke(functionUrlEvent('GET', path))).result);
    answers.push({ path, status: r.status, type: r.headers['content-type'], body: r.body.toString('utf8') });
  }
  await p.close();
  return { state: warm.compile_cache as string, appReady: warm.app_ready as boolean, answers, stderr: p.stderr };
}

let reference: Awaited<ReturnType<typeof observe>>;

beforeAll(async () => {
  work = tempDir('compile-cache');
  artifact = await buildArtifact();
  const maker = await start(artifact.dir);
  const made = (await maker.invoke({ zap: 'compile_cache' })).result;
  expect(made).toMatchObject({ zap: 'compile_cache', compile_cache: 'miss', reason: 'no cache in the artifact', bundle: BUNDLE, runtime: { node: expect.stringMatching(/^v24\./) } });
  cache = Buffer.from(made.file, 'base64');
  await maker.close();
  reference = await observe(artifact.dir, { ZAP_COMPILE_CACHE: 'off' });
  writeFileSync(join(artifact.dir, CACHE_FILE), cache);
});

afterAll(async () => {
  await Promise.all(processes.map((p) => p.close()));
  artifact?.cleanup();
  removeDir(work);
});

test('the cache made in the runtime is used ("hit") and the app answers exactly as without it', async () => {
  expect(reference.state).toBe('off');
  expect(reference.answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 404, 500]);
  const hit = await observe(artifact.dir);
  expect(hit).toMatchObject({ state: 'hit', appReady: true });
  expect(hit.answers).toEqual(reference.answers);
  expect(hit.stderr).not.toMatch(/compile cache not used/);
});

test('a container that already hit answers the cache event with "hit" and no file', async () => {
  const p = await start(artifact.dir);
  const again = (await p.invoke({ zap: 'compile_cache' })).result;
  expect(again).toMatchObject({ compile_cache: 'hit', source_sha256: decodeHeader(cache).source_sha256 });
  expect(again.file).toBeUndefined();
});

test('a keep-warm ping with priming off never loads the app, and says "miss" for it honestly', async () => {
  const p = await start(artifact.dir, { ZAP_KEEP_WARM_PRIME: 'false' });
  const warm = (await p.invoke({ zap: 'keep_warm', concurrency: 1 })).result;
  expect(warm).toMatchObject({ app_ready: false, compile_cache: 'miss' });
  expect((await p.loadedModules()).some((m) => m.endsWith('zap-app.cjs'))).toBe(false);
});

function decodeHeader(file: Buffer) {
  const d = decodeCacheFile(file);
  if (!d.ok) throw new Error(d.reason);
  return d.header;
}

/** Same length, other text: V8 alone accepts a cache for this source and would run the old code. */
test('stale: a cache made for other source of the same length is not used; the new code runs', async () => {
  const dir = variant((d) => {
    const file = join(d, BUNDLE);
    const src = readFileSync(file, 'utf8');
    expect(src).toContain('Hello from zap-sample-app');
    writeFileSync(file, src.replace('Hello from zap-sample-app', 'Hello from zap-sample-APP'));
  });
  const stale = await observe(dir);
  expect(stale.state).toBe('miss');
  expect(stale.stderr).toMatch(/compile cache not used \(made for other source/);
  expect(stale.answers[0]!.body).toContain('Hello from zap-sample-APP');
  expect(stale.answers.slice(1)).toEqual(reference.answers.slice(1));
});

test.each([
  ['flipped payload bytes', (f: Buffer) => Buffer.from(f.map((b, i) => (i > f.length - 5000 && i % 97 === 0 ? b ^ 0xff : b))), /payload checksum mismatch/],
  ['truncated', (f: Buffer) => f.subarray(0, Math.floor(f.length / 2)), /payload is \d+ bytes/],
  ['cut inside the header', (f: Buffer) => f.subarray(0, 20), /truncated header|unreadable header/],
  ['random bytes', (f: Buffer) => Buffer.from(f.map((_, i) => (i * 7919) & 0xff)), /not a zap compile cache file/],
  ['empty', () => Buffer.alloc(0), /not a zap compile cache file/],
])('corrupt (%s): not used, same answers', async (_name, corrupt, why) => {
  const dir = variant((d) => writeFileSync(join(d, CACHE_FILE), corrupt(cache)));
  const out = await observe(dir);
  expect(out.state).toBe('miss');
  expect(out.stderr).toMatch(why);
  expect(out.answers).toEqual(reference.answers);
});

test('foreign: a cache whose header names another Node version is never handed to V8', async () => {
  const h = decodeHeader(cache);
  const d = decodeCacheFile(cache);
  if (!d.ok) throw new Error(d.reason);
  const { data_bytes: _b, data_crc32: _c, ...rest } = h;
  const dir = variant((dir) => writeFileSync(join(dir, CACHE_FILE), encodeCacheFile({ ...rest, node: 'v24.0.0', arch: 'arm64' }, d.data)));
  const out = await observe(dir);
  expect(out.state).toBe('miss');
  expect(out.stderr).toMatch(/made on Node v24\.0\.0 arm64, this runtime is Node v24\.\d+\.\d+ x64|made on Node v24\.0\.0 arm64, this runtime is Node v24\.\d+\.\d+ \w+/);
  expect(out.answers).toEqual(reference.answers);
});

test('foreign: a cache made under other V8 flags (--no-opt) is rejected by V8: "miss", same answers', async () => {
  const dir = variant(() => undefined);
  const made = join(dir, 'made.b64');
  // The handler's own stdout carries its {"zap":"compile_cache"} line: the answer goes to a file.
  const maker = `const { handler } = require(${JSON.stringify(join(dir, 'index.js'))});
handler({ zap: 'compile_cache' }, {}).then((a) => require('fs').writeFileSync(${JSON.stringify(made)}, a.file));`;
  execFileSync(nodeBinaryFor('nodejs24.x'), ['--no-opt', '-e', maker], {
    cwd: dir, env: { ...process.env, NODE_OPTIONS: '', NODE_PATH: join(REPO, 'node_modules') }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  const file = Buffer.from(readFileSync(made, 'utf8'), 'base64');
  expect(decodeHeader(file).source_sha256).toBe(decodeHeader(cache).source_sha256);
  writeFileSync(join(dir, CACHE_FILE), file);
  const out = await observe(dir);
  expect(out.state).toBe('miss');
  expect(out.stderr).toMatch(/V8 rejected it/);
  expect(out.answers).toEqual(reference.answers);
});

test('off: ZAP_COMPILE_CACHE=off ignores a good cache, says "off", and the cache event makes nothing', async () => {
  const out = await observe(artifact.dir, { ZAP_COMPILE_CACHE: 'off' });
  expect(out.state).toBe('off');
  expect(out.answers).toEqual(reference.answers);
  const p = await start(artifact.dir, { ZAP_COMPILE_CACHE: 'off' });
  const made = (await p.invoke({ zap: 'compile_cache' })).result;
  expect(made).toMatchObject({ compile_cache: 'off' });
  expect(made.file).toBeUndefined();
});

let behaviourDir: string | undefined;
describeSampleApp('loaded from the compile cache, fresh Node 24 process', async () => {
  behaviourDir = tempDir('compile-cache-behaviour');
  const dir = join(behaviourDir, 'task');
  cpSync(artifact.dir, dir, { recursive: true });
  const p = new ArtifactProcess(dir);
  await p.whenReady();
  const warm = (await p.invoke({ zap: 'keep_warm', concurrency: 1 })).result;
  if (warm.compile_cache !== 'hit') throw new Error(`expected the app to load from the cache, got ${warm.compile_cache}`);
  return {
    ...functionUrlClient(p),
    async close() {
      await p.close();
      removeDir(behaviourDir);
    },
  };
});

test('the cache records its warm-up path (none by default); a cache made with another warm-up than the one set is made again', async () => {
  const plain = await start(variant((d) => writeFileSync(join(d, CACHE_FILE), '')));
  const made = (await plain.invoke({ zap: 'compile_cache' })).result;
  expect(made.warmup_path).toBeUndefined();
  expect(decodeHeader(Buffer.from(made.file, 'base64')).warmup_path).toBeUndefined();

  const dir = variant(() => undefined);
  const warm = await start(dir, { ZAP_COMPILE_CACHE_WARMUP_PATH: '/users/42?fields=name', ZAP_COMPILE_CACHE: 'on' });
  // The shipped cache was made without a warm-up: not what is set now, so a new one is made, after the request.
  const remade = (await warm.invoke({ zap: 'compile_cache' })).result;
  expect(remade).toMatchObject({ compile_cache: 'miss', warmup_path: '/users/42?fields=name', reason: 'made without a warm-up request, but compile_cache_warmup_path is "/users/42?fields=name"' });
  const file = Buffer.from(remade.file, 'base64');
  expect(decodeHeader(file).warmup_path).toBe('/users/42?fields=name');

  // The function that made it (same setting) uses it; one without the setting makes its own.
  writeFileSync(join(dir, CACHE_FILE), file);
  expect((await observe(dir, { ZAP_COMPILE_CACHE_WARMUP_PATH: '/users/42?fields=name' })).state).toBe('hit');
  expect((await observe(dir)).state).toBe('miss');
});

test('eager: ZAP_COMPILE_CACHE_EAGER=on makes a cache of every function of the bundle, bigger than what booting compiled (the default); a cache made under the other setting is made again', async () => {
  expect(decodeHeader(cache).eager).toBeUndefined();

  const on = { ZAP_COMPILE_CACHE_EAGER: 'on' };
  const maker = await start(variant((d) => writeFileSync(join(d, CACHE_FILE), '')), on);
  const made = (await maker.invoke({ zap: 'compile_cache' })).result;
  expect(made.eager).toBe(true);
  const eager = Buffer.from(made.file, 'base64');
  expect(decodeHeader(eager).eager).toBe(true);
  // Every function compiled weighs more than the top-level code and what boot ran.
  expect(cache.length).toBeLessThan(eager.length * 0.9);

  const dir = variant((d) => writeFileSync(join(d, CACHE_FILE), eager));
  const eagerHit = await observe(dir, on);
  expect(eagerHit.state).toBe('hit');
  expect(eagerHit.answers).toEqual(reference.answers);
  const eagerNowOff = await observe(dir);
  expect(eagerNowOff.state).toBe('miss');
  expect(eagerNowOff.stderr).toMatch(/made with every function compiled, but ZAP_COMPILE_CACHE_EAGER is off/);
  expect(eagerNowOff.answers).toEqual(reference.answers);

  const lazyNowOn = await observe(artifact.dir, on);
  expect(lazyNowOn.state).toBe('miss');
  expect(lazyNowOn.stderr).toMatch(/made without every function compiled, but ZAP_COMPILE_CACHE_EAGER is on/);
  expect(lazyNowOn.answers).toEqual(reference.answers);
});
