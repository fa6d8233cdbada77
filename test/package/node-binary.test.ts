/**
 * The Node binary for a runtime (src/util/node-binary.ts): this process's Node is known without a
 * spawn, and another binary's major is asked once and kept by its identity; a binary changed is asked again.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findNodeBinary } from '../../src/util/node-binary';
import { removeDir, tempDir } from '../helpers/artifact';

const settle = () => new Promise((r) => setTimeout(r, 60));
let dir: string;
const cwd = process.cwd();
beforeAll(() => (dir = tempDir('node-binary')));
afterAll(() => {
  process.chdir(cwd);
  removeDir(dir);
});

/** A `node` package whose binary counts how often it was started and answers the version given. */
function fakeNode(version: string): string {
  const bin = join(dir, 'node_modules/node/bin/node');
  mkdirSync(join(dir, 'node_modules/node/bin'), { recursive: true });
  writeFileSync(join(dir, 'node_modules/node/package.json'), '{"name":"node","version":"0.0.0"}');
  writeFileSync(bin, `#!/bin/sh\necho x >> "${join(dir, 'started')}"\necho ${version}\n`);
  chmodSync(bin, 0o755);
  return bin;
}
const starts = () => readFileSync(join(dir, 'started'), 'utf8').split('\n').filter(Boolean).length;

test("this process's own Node answers for its major", () => {
  expect(findNodeBinary(Number(process.versions.node.split('.')[0]))).toBe(process.execPath);
});

test('a binary is started once to ask its major, and again once it changed', async () => {
  const bin = fakeNode('v97.1.0');
  await settle();
  process.chdir(dir);
  expect(findNodeBinary(97)).toBe(bin);
  expect(starts()).toBe(1);
  expect(findNodeBinary(96)).toBeUndefined(); // the same binary, its major known: not started again
  expect(starts()).toBe(1);
  fakeNode('v95.0.0');
  await settle();
  expect(findNodeBinary(95)).toBe(bin);
  expect(starts()).toBe(2);
});
