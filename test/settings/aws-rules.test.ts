import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SettingsError } from '../../src/core/errors';
import { loadStage } from '../../src/settings';
import { environmentBytes } from '../../src/settings/aws-rules';
import { validateSettingsFile } from '../../src/settings/validate';

test('variables are counted as the JSON Lambda receives, in UTF-8 bytes, escapes included', () => {
  const samples: Record<string, string>[] = [
    {},
    { AB: '' },
    { AB: 'plain', CD: 'two' },
    { QUOTE: 'say "hi"\\ back', NL: 'a\nb\tc\r', CTRL: '\u0001\u001f' },
    { EURO: '€€€', CJK: '東京', EMOJI: '🚀' },
  ];
  for (const vars of samples) expect(environmentBytes(vars)).toBe(Buffer.byteLength(JSON.stringify(vars), 'utf8'));
});

test("zap's own tags and variables count toward AWS's limits", () => {
  const tags48 = Object.fromEntries(Array.from({ length: 48 }, (_, i) => [`t${i}`, 'x']));
  expect(validateSettingsFile({ dev: { app: 'a.js', tags: tags48 } })).toEqual([]);
  expect(validateSettingsFile({ dev: { app: 'a.js', tags: { ...tags48, one_more: 'x' } } })).toEqual([
    "zap.json: stage 'dev', key 'tags': got 49 tags, expected at most 48: AWS allows 50 per resource and zap adds zap:project and zap:stage",
  ]);
  // 4,096 bytes with ZAP_KEEP_WARM_PRIME and ZAP_COMPILE_CACHE; one more byte is over.
  const fits = { dev: { app: 'a.js', environment_variables: { AB: 'x'.repeat(4096 - 63) } } };
  expect(validateSettingsFile(fits)).toEqual([]);
  fits.dev.environment_variables.AB += 'x';
  expect(validateSettingsFile(fits)).toEqual([expect.stringMatching(/^zap\.json: stage 'dev', key 'environment_variables': the variables take 4097 bytes as Lambda counts them/)]);
});

test("a tag key zap writes itself is refused, so the user's value would not be silently replaced", () => {
  expect(validateSettingsFile({ dev: { app: 'a.js', tags: { 'zap:stage': 'other' } } })).toEqual([
    "zap.json: stage 'dev', key 'tags.zap:stage': zap sets this tag itself to mark what it made; choose another key",
  ]);
});

test("a project name taken from package.json is checked too, and the message says where it came from", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zap-rules-'));
  writeFileSync(join(dir, 'zap.json'), JSON.stringify({ 'production-eu-west-1': { app: 'a.js' } }));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@acme/a-very-long-package-name-for-the-shop-backend-api' }));
  const err = await loadStage(dir, 'production-eu-west-1').catch((e: unknown) => e);
  expect(err).toBeInstanceOf(SettingsError);
  expect((err as SettingsError).problems).toEqual([
    `zap.json: stage 'production-eu-west-1', key 'project_name (from package.json)': the function name "a-very-long-package-name-for-the-shop-backend-api-production-eu-west-1" (<project_name>-<stage>) has 70 characters, expected at most 64 (Lambda's limit); set a shorter project_name or stage name`,
  ]);
});
