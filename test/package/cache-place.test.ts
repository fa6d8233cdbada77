/** The packaging cache's record on disk: paths relative to the project (zap's own under `<zap-dist>`), placed again wherever the project now is. */
import { expectedHere, placedRecord, portableRecord } from '../../src/package/cache-place';
import type { CacheRecord } from '../../src/package/cache-key';

const at = (projectDir: string) => ({ projectDir, zapDist: '/opt/zap/dist' });
const record = (files: Record<string, string | null>, dirs: Record<string, string[] | null>, artifact: string): CacheRecord<{ artifact: string }> => ({
  version: 2, key: { zap: 'z', node: 'n', settings: 's', options: 'o' }, built: '2026-01-01T00:00:00.000Z', sha256: 'h', artifact, result: { artifact }, snapshot: { files, dirs },
});

test('written relative to the project, placed again in another folder', () => {
  const rec = record(
    { '/w/one/app/src/a.js': 'h1', '/w/one/node_modules/x/index.js': 'h2', '/w/package.json': null, '/opt/zap/dist/runtime/index.js': 'h3' },
    { '/w/one/app/**': ['src/a.js'], '/w/one/node_modules': ['x/'], '/w/one': ['app/', 'node_modules/'] },
    '/w/one/app/.zap/dev/p-dev.zip',
  );
  const written = portableRecord(at('/w/one/app'), rec);
  expect(written.snapshot.files).toEqual({ 'src/a.js': 'h1', '../node_modules/x/index.js': 'h2', '../../package.json': null, '<zap-dist>/runtime/index.js': 'h3' });
  expect(written.snapshot.dirs).toEqual({ '**': ['src/a.js'], '../node_modules': ['x/'], '..': ['app/', 'node_modules/'] });
  expect(written.artifact).toBe('.zap/dev/p-dev.zip');
  expect(written.result.artifact).toBe('.zap/dev/p-dev.zip');
  const moved = placedRecord({ projectDir: '/v/two/app', zapDist: '/usr/lib/zap/dist' }, JSON.parse(JSON.stringify(written)));
  expect(moved?.snapshot.files).toEqual({ '/v/two/app/src/a.js': 'h1', '/v/two/node_modules/x/index.js': 'h2', '/v/package.json': null, '/usr/lib/zap/dist/runtime/index.js': 'h3' });
  expect(moved?.snapshot.dirs['/v/two/app/**']).toEqual(['src/a.js']);
  expect(moved?.artifact).toBe('/v/two/app/.zap/dev/p-dev.zip');
});

test('zap installed in the project itself is recorded as the project\'s files', () => {
  const rec = record({ '/w/app/node_modules/zap/dist/runtime/index.js': 'h' }, {}, '/w/app/x.zip');
  const written = portableRecord({ projectDir: '/w/app', zapDist: '/w/app/node_modules/zap/dist' }, rec);
  expect(Object.keys(written.snapshot.files)).toEqual(['node_modules/zap/dist/runtime/index.js']);
});

test('a record reaching further up than the new folder has folders: not placed (two paths would meet)', () => {
  const written = portableRecord(at('/a/b/c/app'), record({ '/a/b/c/package.json': 'h', '/a/package.json': null, '/package.json': null }, {}, '/a/b/c/app/x.zip'));
  expect(placedRecord(at('/a/b/c/app'), written)).toBeDefined();
  expect(placedRecord(at('/x/app'), written)).toBeUndefined();
});

test('folders above a project moved deeper than its record reaches are expected to hold nothing', () => {
  const was = { files: { '/d/e/app/a.js': 'h' }, dirs: { '/d/node_modules': null } };
  const here = expectedHere(was, { files: ['/d/e/app/a.js', '/package.json'], dirs: ['/d/node_modules', '/node_modules'] });
  expect(here).toEqual({ files: { '/d/e/app/a.js': 'h', '/package.json': null }, dirs: { '/d/node_modules': null, '/node_modules': null } });
});

test('the identities kept beside the hashes move with the paths', () => {
  const rec = { ...record({ '/w/app/src/a.js': 'h1' }, {}, '/w/app/x.zip'), identities: { '/w/app/src/a.js': '1 2 3 4' } };
  const written = portableRecord(at('/w/app'), rec);
  expect(written.identities).toEqual({ 'src/a.js': '1 2 3 4' });
  expect(placedRecord(at('/v/app'), JSON.parse(JSON.stringify(written)))?.identities).toEqual({ '/v/app/src/a.js': '1 2 3 4' });
});
