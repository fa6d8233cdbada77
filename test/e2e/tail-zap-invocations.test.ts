/**
 * `zap tail` through the emulator: an app that logs while it boots (console.log and a raw stdout
 * write, as loggers do) is booted by zap three times during deploy (the compile cache, and the
 * keep-warm prewarm on two containers). tail shows none of it, only the person's request, in time
 * order; --warm shows zap's invocations with their boot output.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UNTHROTTLED, deploySampleApp, httpRequest, type DeployedStage } from '../helpers/deployed';

jest.setTimeout(180_000);

let stage: DeployedStage;

interface Line { timestamp: number; type: string; request_id: string | null; warm: boolean; message: string }
const lines = (stdout: string) => stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Line);

beforeAll(async () => {
  stage = await deploySampleApp({ dev: { keep_warm: 2 }, deploy: false, cli: 'in-process', emulator: { resources: UNTHROTTLED } });
  const file = join(stage.dir, 'src', 'app.ts');
  const src = readFileSync(file, 'utf8').replace(
    'export const app = express();',
    "console.log('sample app booting');\nprocess.stdout.write('raw boot line from a logger\\n');\nexport const app = express();",
  );
  writeFileSync(file, src);
  const res = await stage.zap(['deploy', 'dev', '--json']);
  expect(res.code).toBe(0);
  stage.url = JSON.parse(res.stdout.trim().split('\n').pop()!).url;
  expect((await httpRequest(new URL('/users/1', stage.url).toString())).status).toBe(200);
});
afterAll(() => stage?.close());

test("tail shows only the person's request, none of the boots zap made, in time order", async () => {
  const res = await stage.zap(['tail', 'dev', '--json', '--since', '1h']);
  expect(res.code).toBe(0);
  const shown = lines(res.stdout);
  expect(shown.filter((l) => l.type === 'start')).toHaveLength(1);
  expect(shown.filter((l) => l.type === 'report')).toHaveLength(1);
  expect(shown.some((l) => /boot/.test(l.message))).toBe(false);
  expect(shown.every((l) => !l.warm)).toBe(true);
  const times = shown.map((l) => l.timestamp);
  expect(times).toEqual([...times].sort((a, b) => a - b));
});

test('tail --warm shows the boots inside zap invocations, marked warm, in time order', async () => {
  const res = await stage.zap(['tail', 'dev', '--json', '--since', '1h', '--warm']);
  expect(res.code).toBe(0);
  const shown = lines(res.stdout);
  const boots = shown.filter((l) => /sample app booting|raw boot line/.test(l.message));
  // The compile cache in $LATEST and the prewarm's leader and follower each booted the app once: both lines each.
  expect(boots).toHaveLength(6);
  expect(boots.every((l) => l.warm)).toBe(true);
  // 1 compile-cache request + prewarm leader + follower, and the person's request.
  expect(shown.filter((l) => l.type === 'report')).toHaveLength(4);
  const times = shown.map((l) => l.timestamp);
  expect(times).toEqual([...times].sort((a, b) => a - b));
});
