/** The packaging cache's pure half: which settings are in the key, and how a difference is told. */
import { keyDifference, packagingSettings, snapshotDifference, type CacheKey } from '../../src/package/cache-key';
import type { StageSettings } from '../../src/settings/types';

const base = { stage: 'dev', project_name: 'p', app: 'src/app.js', runtime: 'nodejs24.x', memory_size: 512, keep_warm: 1, include: [], external: [] } as unknown as StageSettings;

test('settings that only shape AWS resources are left out of the key; the rest, and any unknown key, are in', () => {
  expect(packagingSettings({ ...base, memory_size: 2048, keep_warm: 5, tags: { a: 'b' } })).toBe(packagingSettings(base));
  expect(packagingSettings({ ...base, external: ['sharp'] })).not.toBe(packagingSettings(base));
  expect(packagingSettings({ ...base, runtime: 'nodejs22.x' })).not.toBe(packagingSettings(base));
  expect(packagingSettings({ ...base, some_future_key: true } as unknown as StageSettings)).not.toBe(packagingSettings(base));
});

test('a key difference names the part that changed', () => {
  const key: CacheKey = { zap: 'z', node: 'n', settings: 's', options: 'o' };
  expect(keyDifference(key, { ...key })).toBeUndefined();
  expect(keyDifference(key, { ...key, node: 'n2' })).toBe('the Node binary for the boot check changed');
  expect(keyDifference(key, { ...key, zap: 'z2' })).toBe("zap's version or build changed");
});

test('a snapshot difference names the file or folder, relative to the project', () => {
  const was = { files: { '/p/src/a.js': 'h1', '/p/src/b.ts': null }, dirs: { '/p/**': ['src/a.js'], '/p/node_modules/x': ['index.js'] } };
  expect(snapshotDifference('/p', was, was)).toBeUndefined();
  expect(snapshotDifference('/p', was, { ...was, files: { ...was.files, '/p/src/a.js': 'h2' } })).toBe('src/a.js changed');
  expect(snapshotDifference('/p', was, { ...was, files: { ...was.files, '/p/src/b.ts': 'h' } })).toBe('src/b.ts was added');
  expect(snapshotDifference('/p', was, { ...was, files: { ...was.files, '/p/src/a.js': null } })).toBe('src/a.js was removed');
  expect(snapshotDifference('/p', was, { ...was, dirs: { ...was.dirs, '/p/**': ['src/a.js', 'src/c.js'] } })).toBe('src/c.js is new');
  expect(snapshotDifference('/p', was, { ...was, dirs: { ...was.dirs, '/p/node_modules/x': ['index.js', 'index.mjs'] } })).toBe('index.mjs appeared in node_modules/x');
});
