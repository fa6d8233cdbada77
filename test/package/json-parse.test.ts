// Large JSON files are bundled as JSON.parse of their text: the bundle's value is what Node's own
// require() of the file gives, small files and files that are not strict JSON are left to esbuild.
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { JSON_PARSE_MIN_BYTES, jsonParseModule, jsonParsePlugin } from '../../src/package/json-parse';

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'zap-json-parse-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A JSON database of `entries` MIME-like records, as mime-db's. */
function database(entries: number): string {
  const db: Record<string, unknown> = {};
  for (let i = 0; i < entries; i++) db[`application/x-type-${i}`] = { source: 'iana', compressible: i % 2 === 0, extensions: [`e${i}`] };
  return JSON.stringify(db, null, 2);
}

async function bundle(entry: string, plugins: Parameters<typeof build>[0]['plugins']): Promise<string> {
  const r = await build({ stdin: { contents: entry, resolveDir: dir, loader: 'js' }, bundle: true, write: false, format: 'cjs', platform: 'node', logLevel: 'silent', plugins });
  return r.outputFiles[0]!.text;
}

function run(code: string): unknown {
  const module = { exports: {} as Record<string, unknown> };
  runInNewContext(code, { module, exports: module.exports, require: createRequire(join(dir, 'x.js')), JSON });
  return module.exports;
}

test('a large JSON file becomes JSON.parse of its text, with the value Node\'s require() gives', async () => {
  const text = `{"__proto__": {"polluted": true}, ${database(400).slice(1)}`;
  expect(text.length).toBeGreaterThan(JSON_PARSE_MIN_BYTES);
  writeFileSync(join(dir, 'db.json'), text);
  const code = await bundle('module.exports = require("./db.json");', [jsonParsePlugin()]);
  expect(code).toContain('JSON.parse(');
  const value = run(code) as Record<string, unknown>;
  const node = createRequire(join(dir, 'x.js'))('./db.json') as Record<string, unknown>;
  expect(JSON.stringify(value)).toBe(JSON.stringify(node));
  // Kept as data, as Node keeps it, not made the prototype.
  expect(Object.prototype.hasOwnProperty.call(value, '__proto__')).toBe(true);
  expect(Object.getPrototypeOf(value)).not.toHaveProperty('polluted');
});

test('named and default ES imports of a parsed JSON file still work', async () => {
  writeFileSync(join(dir, 'big.json'), JSON.stringify({ version: '1.2.3', list: Array.from({ length: 5000 }, (_, i) => i) }));
  const code = await bundle('import data, { version } from "./big.json"; module.exports = { version, n: data.list.length };', [jsonParsePlugin()]);
  expect(code).toContain('JSON.parse(');
  expect(run(code)).toEqual({ version: '1.2.3', n: 5000 });
});

test('small files, and files that are not strict JSON, stay with esbuild\'s loader', async () => {
  writeFileSync(join(dir, 'small.json'), '{"a": 1}');
  const code = await bundle('module.exports = require("./small.json");', [jsonParsePlugin()]);
  expect(code).not.toContain('JSON.parse(');
  expect(run(code)).toEqual({ a: 1 });
  expect(jsonParseModule('{"a": 1,}' + ' '.repeat(JSON_PARSE_MIN_BYTES))).toBeUndefined();
  expect(jsonParseModule('\ufeff[1,2]' + ' '.repeat(JSON_PARSE_MIN_BYTES))).toBe('module.exports = JSON.parse("[1,2]");\n');
});

test('without the plugin (json_parse: false) the file is an object literal', async () => {
  writeFileSync(join(dir, 'db2.json'), database(400));
  const code = await bundle('module.exports = require("./db2.json");', []);
  expect(code).not.toContain('JSON.parse(');
  expect(Object.keys(run(code) as object)).toHaveLength(400);
});
