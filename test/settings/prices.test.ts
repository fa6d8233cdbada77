// zap.json `prices`: any of the four rates, each 0 or more; an unknown name or a bad value said in one line.
import { validateSettingsFile } from '../../src/settings/validate';
import { loadStage } from '../../src/settings';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const stage = (prices: unknown) => ({ dev: { app: 'app.js', prices } });

test('known rates of 0 or more are accepted and reach the stage settings', async () => {
  expect(validateSettingsFile(stage({ gb_second: 0.00001, request_per_million: 0, provisioned_gb_second: 0.000003, provisioned_duration_gb_second: 0.000007 }))).toEqual([]);
  const dir = mkdtempSync(join(tmpdir(), 'zap-prices-'));
  writeFileSync(join(dir, 'zap.json'), JSON.stringify(stage({ gb_second: 0.00001 })));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'p' }));
  expect((await loadStage(dir, 'dev')).prices).toEqual({ gb_second: 0.00001 });
});

test('an unknown rate is named, with the known ones', () => {
  expect(validateSettingsFile(stage({ gb_secnd: 0.00001 }))).toEqual([
    "zap.json: stage 'dev', key 'prices': unknown price \"gb_secnd\"; known: gb_second, request_per_million, provisioned_gb_second, provisioned_duration_gb_second",
  ]);
});

test('a negative or non-number rate says what to write', () => {
  for (const bad of [{ gb_second: -1 }, { gb_second: '0.1' }, 5]) {
    expect(validateSettingsFile(stage(bad))).toEqual([expect.stringMatching(/^zap\.json: stage 'dev', key 'prices': got .*, expected an object of prices of 0 or more, e\.g\. \{"gb_second": 0\.0000166667\}/)]);
  }
});
