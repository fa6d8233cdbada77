/** A source's text kept while the file is unchanged (src/package/file-text.ts): every change is read. */
import { renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileText } from '../../src/package/file-text';
import { removeDir, tempDir } from '../helpers/artifact';

const settle = () => new Promise((r) => setTimeout(r, 60));
let dir: string;
beforeAll(() => (dir = tempDir('file-text')));
afterAll(() => removeDir(dir));

test('edits that keep the size and the modification time, replacements and removals are all read', async () => {
  const file = join(dir, 'm.js');
  writeFileSync(file, 'module.exports = 1;');
  expect(fileText(file)).toBe('module.exports = 1;');
  await settle();
  expect(fileText(file)).toBe('module.exports = 1;');
  const { atime, mtime } = statSync(file);
  writeFileSync(file, 'module.exports = 2;');
  utimesSync(file, atime, mtime);
  expect(fileText(file)).toBe('module.exports = 2;');
  await settle();
  fileText(file);
  writeFileSync(join(dir, 'n.js'), 'module.exports = 3;');
  utimesSync(join(dir, 'n.js'), atime, mtime);
  renameSync(join(dir, 'n.js'), file);
  expect(fileText(file)).toBe('module.exports = 3;');
  rmSync(file);
  expect(() => fileText(file)).toThrow(/ENOENT/);
});
