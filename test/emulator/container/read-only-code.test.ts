// As on Lambda, a function cannot write in its code folder (/var/task): EROFS, while /tmp takes writes.
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

test('writes in the code folder fail with EROFS, as on Lambda; reads, existing folders and /tmp work', async () => {
  const s = spec('writes');
  const r = await pool.invoke(s, json({}), opts(s));
  expect(r.functionError).toBeUndefined();
  expect(JSON.parse(r.payload.toString())).toEqual({
    codeFolder: 'EROFS', nestedFolder: 'EROFS', existingFolder: 'ok', read: 'ok', tmp: 'ok', stream: 'EROFS', promises: 'EROFS',
  });
});
