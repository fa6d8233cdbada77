import { ContainerPool } from '../../../src/emulator/container/pool';
import { json, logRecorder, opts, removeFixtures, spec } from './helpers';

test('smoke', async () => {
  const logs = logRecorder();
  const pool = new ContainerPool({ endpoint: 'http://127.0.0.1:9', idleTtlMs: 60_000, onLog: logs.sink });
  const s = spec('hello');
  const r = await pool.invoke(s, json({ a: 1 }), opts(s));
  console.log(r.payload.toString(), r, logs.records.map((x) => x.message).join(''));
  const r2 = await pool.invoke(s, json({ a: 2 }), opts(s));
  console.log(r2.logTail);
  await pool.close();
  removeFixtures();
});
