/**
 * File hashes kept by identity (src/package/file-hash.ts): an unchanged file gives its kept hash, and
 * any change a user can make, even one that keeps the size and puts the old modification time back,
 * gives the new content's hash; so do a file replaced by another and a file removed.
 */
import { createHash } from 'node:crypto';
import { renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileHash, identitiesOf, learnHashes } from '../../src/package/file-hash';
import { removeDir, tempDir } from '../helpers/artifact';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
/** Older than the moment a change could share its times with the hash: the hash is kept. */
const settle = () => new Promise((r) => setTimeout(r, 60));

let dir: string;
beforeAll(() => (dir = tempDir('file-hash')));
afterAll(() => removeDir(dir));

test('a settled file is kept by identity; every change after is seen', async () => {
  const file = join(dir, 'a.js');
  writeFileSync(file, 'one');
  await settle();
  expect(fileHash(file)).toBe(sha('one'));
  expect(identitiesOf([file])[file]).toBeDefined();

  // Same size, modification time put back: the change time still moved.
  const { atime, mtime } = statSync(file);
  writeFileSync(file, 'two');
  utimesSync(file, atime, mtime);
  expect(fileHash(file)).toBe(sha('two'));

  // Replaced by a renamed file with the same size and times.
  await settle();
  const other = join(dir, 'b.js');
  writeFileSync(other, 'six');
  utimesSync(other, atime, mtime);
  renameSync(other, file);
  expect(fileHash(file)).toBe(sha('six'));

  rmSync(file);
  expect(fileHash(file)).toBeNull();
  expect(identitiesOf([file])).toEqual({});
});

test('a file changed moments ago is hashed again next time (its times could be shared with a change still to come)', () => {
  const file = join(dir, 'fresh.js');
  writeFileSync(file, 'x');
  expect(fileHash(file)).toBe(sha('x'));
  expect(identitiesOf([file])).toEqual({});
});

test('a hash learnt from a record counts only while the file has the identity recorded with it', async () => {
  const file = join(dir, 'c.js');
  writeFileSync(file, 'real');
  await settle();
  fileHash(file);
  const id = identitiesOf([file])[file]!;
  learnHashes({ [file]: sha('recorded') }, { [file]: id });
  expect(fileHash(file)).toBe(sha('recorded')); // the identity is the proof the content is as recorded
  learnHashes({ [file]: sha('recorded') }, { [file]: 'another identity' });
  expect(fileHash(file)).toBe(sha('real'));
  expect(fileHash(join(dir, 'folder-less/none.js'))).toBeNull();
});
