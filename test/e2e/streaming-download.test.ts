// A download bigger than Lambda's 6 MB buffered answer, streamed through a RESPONSE_STREAM Function
// URL from an unchanged Express app (Express's downloads example): byte for byte what plain node sends.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../src/emulator';
import { NO_DELAYS, UNTHROTTLED } from '../helpers/deployed';
import { fixtureCopy, startUnderNode } from '../helpers/fixture-apps';
import { GetFunctionUrlConfigCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { deployInProcess, succeeded } from '../helpers/in-process';

jest.setTimeout(120_000);

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let copy: ReturnType<typeof fixtureCopy>;
let emulator: Emulator;
let url: string;
let plain: Awaited<ReturnType<typeof startUnderNode>>;

beforeAll(async () => {
  copy = fixtureCopy('examples-downloads');
  plain = await startUnderNode(copy.dir);
  plain.url = plain.url.replace(/\/$/, '');
  writeFileSync(join(copy.dir, 'zap.json'), JSON.stringify({ dev: { app: 'index.js', aws_region: 'eu-west-1', keep_warm: false, streaming: true, project_name: `dl${Date.now().toString(36)}` } }));
  emulator = await startEmulator({ region: 'eu-west-1', delays: NO_DELAYS, resources: UNTHROTTLED });
  url = succeeded(await deployInProcess(copy.dir, emulator.endpoint)).url!.replace(/\/$/, '');
});
afterAll(async () => {
  await plain?.stop();
  await emulator?.close();
  copy?.remove();
});

async function get(base: string, path: string) {
  const res = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(60_000) });
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), body: Buffer.from(await res.arrayBuffer()) };
}

test('a 10 MB report piped from a stream arrives whole, with the sha256 plain node gives', async () => {
  const [node, lambda] = [await get(plain.url, '/report/full'), await get(url, '/report/full')];
  expect(node.body.length).toBeGreaterThan(10 * 1024 * 1024);
  expect(lambda.status).toBe(200);
  expect(lambda.type).toBe(node.type);
  expect(lambda.disposition).toBe(node.disposition);
  expect(lambda.body.length).toBe(node.body.length);
  expect(sha256(lambda.body)).toBe(sha256(node.body));
});

test('res.download (sendFile) streams the file with its headers, and a missing one answers the app\'s 404', async () => {
  for (const path of ['/files/notes/groceries.txt', '/report', '/files/missing.txt']) {
    const [node, lambda] = [await get(plain.url, path), await get(url, path)];
    expect([lambda.status, lambda.type, lambda.disposition]).toEqual([node.status, node.type, node.disposition]);
    expect(sha256(lambda.body)).toBe(sha256(node.body));
  }
});

test('streaming turned off: the next deploy sets the URL back to BUFFERED, where the 10 MB report is over the 6 MB limit', async () => {
  const file = join(copy.dir, 'zap.json');
  const settings = JSON.parse(readFileSync(file, 'utf8'));
  writeFileSync(file, JSON.stringify({ dev: { ...settings.dev, streaming: false } }));
  const run = await deployInProcess(copy.dir, emulator.endpoint);
  succeeded(run);
  expect(run.stderr).toMatch(/set the Function URL's invoke mode to BUFFERED/);
  expect(run.calls).toContain('Lambda UpdateFunctionUrlConfig');
  const lambda = new LambdaClient({ region: 'eu-west-1', endpoint: emulator.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const name = `${settings.dev.project_name}-dev`;
  expect((await lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: name, Qualifier: 'live' }))).InvokeMode).toBe('BUFFERED');
  lambda.destroy();
  expect((await get(url, '/files/amazing.txt')).body.toString()).toContain('Amazing!');
  expect((await get(url, '/report/full')).status).toBe(502);
});
