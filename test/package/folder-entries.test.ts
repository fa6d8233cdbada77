/** A folder's entries kept while the folder is unchanged (src/package/folder-entries.ts): every change to its entries is seen. */
import { mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { folderEntries } from '../../src/package/folder-entries';
import { removeDir, tempDir } from '../helpers/artifact';

const settle = () => new Promise((r) => setTimeout(r, 60));
const names = (dir: string) => folderEntries(dir).map((e) => `${e.name}${e.isDirectory ? '/' : e.isFile ? '' : '@'}`).sort();

let dir: string;
beforeAll(() => (dir = tempDir('folder-entries')));
afterAll(() => removeDir(dir));

test('an added, removed, renamed or retyped entry is seen, settled or not', async () => {
  const pkg = join(dir, 'pkg');
  mkdirSync(join(pkg, 'build'), { recursive: true });
  writeFileSync(join(pkg, 'index.js'), '');
  expect(names(pkg)).toEqual(['build/', 'index.js']); // just made: read again next time
  await settle();
  expect(names(pkg)).toEqual(['build/', 'index.js']); // settled: kept
  writeFileSync(join(pkg, 'addon.node'), '');
  expect(names(pkg)).toEqual(['addon.node', 'build/', 'index.js']);
  await settle();
  names(pkg);
  renameSync(join(pkg, 'addon.node'), join(pkg, 'addon.js'));
  expect(names(pkg)).toEqual(['addon.js', 'build/', 'index.js']);
  await settle();
  names(pkg);
  rmSync(join(pkg, 'build'), { recursive: true });
  symlinkSync(join(pkg, 'index.js'), join(pkg, 'build'));
  expect(names(pkg)).toEqual(['addon.js', 'build@', 'index.js']);
  await settle();
  names(pkg);
  rmSync(join(pkg, 'addon.js'));
  expect(names(pkg)).toEqual(['build@', 'index.js']);
});

test('an absent folder or a file throws as readdir does', () => {
  expect(() => folderEntries(join(dir, 'none'))).toThrow(/ENOENT/);
  writeFileSync(join(dir, 'file'), '');
  expect(() => folderEntries(join(dir, 'file'))).toThrow(/ENOTDIR/);
});
