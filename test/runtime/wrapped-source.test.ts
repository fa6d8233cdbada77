// The one-copy load compiles exactly the text Node's CommonJS loader would (Module.wrap of the
// file's source), so a compile cache made either way fits, and behaviour cannot change.
import Module from 'node:module';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { oneCopyEnabled, readWrapped } from '../../src/runtime/wrapped-source';
import { bundleSource } from '../../src/runtime/compile-cache';

const M = Module as typeof Module & { wrap(s: string): string };
let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'zap-wrapped-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Buffer | string): string {
  const f = join(dir, name);
  writeFileSync(f, bytes);
  return f;
}

test('an ASCII bundle: the wrapped text is Module.wrap(source), and the bytes are the file\'s', () => {
  const source = 'var a = "\\u00e9t\\u00e9";\nmodule.exports = { a, boot: () => 1 };\n'.repeat(2000);
  const r = readWrapped(file('ascii.cjs', source), M);
  expect(r.wrapped).toBe(M.wrap(source));
  expect(r.bytes.equals(Buffer.from(source))).toBe(true);
});

test('UTF-8 text, broken sequences at either end included, wraps as Node decodes it', () => {
  const utf8 = 'module.exports = "été ☃"; // ¥\n';
  expect(readWrapped(file('utf8.cjs', utf8), M).wrapped).toBe(M.wrap(utf8));
  const broken = Buffer.concat([Buffer.from([0x82, 0xac]), Buffer.from('x = "☃";'), Buffer.from([0xe2, 0x82])]);
  const r = readWrapped(file('broken.cjs', broken), M);
  expect(r.wrapped).toBe(M.wrap(bundleSource(broken)));
  expect(r.wrapped).toContain('\ufffd');
});

test('a byte-order mark: no one-copy text, and the caller strips it as Node does', () => {
  const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('module.exports = 1;\n')]);
  const b = readWrapped(file('bom.cjs', bom), M);
  expect(b.wrapped).toBeUndefined();
  expect(b.bytes.equals(bom)).toBe(true);
  expect(bundleSource(b.bytes)).toBe('module.exports = 1;\n');
});

test('an empty file reads as an empty wrapped module', () => {
  const r = readWrapped(file('empty.cjs', ''), M);
  expect(r.wrapped).toBe(M.wrap(''));
  expect(r.bytes.length).toBe(0);
});

test('a replaced Module.wrap is followed: its halves are used, or the caller wraps when they cannot be found', () => {
  const custom = { wrap: (s: string) => `(function(){${s}\n})` } as unknown as typeof M;
  expect(readWrapped(file('c.cjs', 'x()'), custom).wrapped).toBe('(function(){x()\n})');
  const odd = { wrap: (s: string) => `${s}${s}` } as unknown as typeof M;
  expect(readWrapped(file('d.cjs', 'x()'), odd).wrapped).toBeUndefined();
});

test('ZAP_ONE_COPY_LOAD: on unless "off", "false" or "0"', () => {
  expect(oneCopyEnabled({})).toBe(true);
  expect(oneCopyEnabled({ ZAP_ONE_COPY_LOAD: 'on' })).toBe(true);
  for (const v of ['off', 'OFF', 'false', '0', ' off ']) expect(oneCopyEnabled({ ZAP_ONE_COPY_LOAD: v })).toBe(false);
});
