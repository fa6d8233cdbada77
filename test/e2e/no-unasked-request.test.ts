/**
 * `zap deploy` makes the compile cache without sending a request through the app, unless zap.json's
 * compile_cache_warmup_path names one: then exactly that path. The app logs every request it
 * serves (morgan, as apps do), and the test reads the function's log group as a user would.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { UNTHROTTLED, deploySampleApp, type DeployedStage } from '../helpers/deployed';

let stage: DeployedStage;
let logs: CloudWatchLogsClient;
let logGroup: string;

const ACCESS = 'access-log';

/** Adds an access log to the copy's app: one stdout line per request, before any route runs. */
let original: string | undefined;
function addAccessLog(dir: string, marker: string): void {
  const file = join(dir, 'src', 'app.ts');
  original ??= readFileSync(file, 'utf8');
  const src = original
    .replace("import express,", "import morgan from 'morgan';\nimport express,")
    .replace('export const app = express();', `export const app = express();\napp.use(morgan('${ACCESS} ${marker} :method :url', { immediate: true }));`);
  if (!src.includes('morgan(')) throw new Error('the sample app changed: no place for the access log');
  writeFileSync(file, src);
}

async function accessLines(): Promise<string[]> {
  const out: string[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < 50; page++) {
    const res = await logs.send(new FilterLogEventsCommand({ logGroupName: logGroup, nextToken }));
    for (const e of res.events ?? []) if (e.message?.includes(ACCESS)) out.push(e.message.trim());
    nextToken = res.nextToken;
    if (!nextToken) break;
  }
  return out;
}

beforeAll(async () => {
  stage = await deploySampleApp({ dev: { keep_warm: false }, deploy: false, cli: 'in-process', emulator: { resources: UNTHROTTLED } });
  logs = new CloudWatchLogsClient({ region: 'eu-west-1', endpoint: stage.emulator.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  logGroup = `/aws/lambda/${JSON.parse(readFileSync(join(stage.dir, 'zap.json'), 'utf8')).dev.project_name}-dev`;
}, 30_000);
afterAll(async () => {
  logs?.destroy();
  await stage?.close();
});

test('deploy makes the compile cache with no request through the app; the access log stays empty', async () => {
  addAccessLog(stage.dir, 'v1');
  const res = await stage.zap(['deploy', 'dev']);
  expect(res.code).toBe(0);
  // The cache was made (the deploy updated the code with it), so the app booted in $LATEST...
  expect(res.stdout + res.stderr).toMatch(/update code with a compile cache made on/);
  // ...and served nothing.
  expect(await accessLines()).toEqual([]);
}, 120_000);

test('with compile_cache_warmup_path the cache is made after exactly that request', async () => {
  // New code, so deploy makes a new cache; the setting reaches the function as an environment variable.
  addAccessLog(stage.dir, 'v2');
  stage.setDev({ compile_cache_warmup_path: '/users/7?fields=name' });
  const res = await stage.zap(['deploy', 'dev']);
  expect(res.code).toBe(0);
  expect(res.stdout + res.stderr).toMatch(/update code with a compile cache made on/);
  expect(await accessLines()).toEqual([`${ACCESS} v2 GET /users/7?fields=name`]);
}, 120_000);

test('changing only the warm-up path (same code) makes the cache again, after the new request', async () => {
  stage.setDev({ compile_cache_warmup_path: '/about' });
  const res = await stage.zap(['deploy', 'dev']);
  expect(res.code).toBe(0);
  expect(res.stdout + res.stderr).toMatch(/update code with a compile cache made on/);
  expect(await accessLines()).toEqual([`${ACCESS} v2 GET /users/7?fields=name`, `${ACCESS} v2 GET /about`]);
}, 120_000);

test('a warm-up path that is not a path is refused before any AWS call, naming the key', async () => {
  stage.setDev({ compile_cache_warmup_path: 'health' });
  const res = await stage.zap(['deploy', 'dev']);
  expect(res.code).toBe(2);
  expect(res.stderr).toMatch(/compile_cache_warmup_path/);
  expect(res.stderr).toMatch(/starting with "\/"/);
}, 60_000);
