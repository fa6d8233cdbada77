// Lambda mounts the function's code read-only: writes beside it fail with EROFS, /tmp stays writable.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ContainerPool } from '../../../src/emulator/container/pool';
import { json, logRecorder, opts, removeFixtures, spec, UNTHROTTLED } from './helpers';

let pool: ContainerPool;
beforeAll(() => {
  pool = new ContainerPool({ endpoint: 'http://127.0.0.1:9', idleTtlMs: 60_000, onLog: logRecorder().sink, resources: UNTHROTTLED });
});
afterAll(async () => {
  await pool.close();
  removeFixtures();
});

test('every way an app writes beside its code fails as on Lambda; reading it and writing /tmp work', async () => {
  const s = spec('writes', { handler: 'index.handler' });
  const r = await pool.invoke(s, json({}), opts(s));
  expect(r.functionError).toBeUndefined();
  expect(JSON.parse(r.payload.toString())).toEqual({
    'writeFile (promises, ESM import)': 'EROFS',
    'rename into the code': 'EROFS',
    'mkdirSync uploads': 'EROFS',
    'openSync for append': 'EROFS',
    createWriteStream: 'EROFS',
    'readFileSync of the code': 'ok',
    'writeFileSync in /tmp': 'ok',
  });
  for (const f of ['.db.json.tmp', 'uploads', 'x.log', 'access.log']) expect(existsSync(join(s.codeDir, f))).toBe(false);
});
