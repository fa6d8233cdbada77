/**
 * The packaging cache: an unchanged project reuses its last artifact (the zip is not written again),
 * and every kind of change a user makes (a source edit, a new file that changes what an import
 * resolves to, a package in node_modules, a packaging setting) builds again; so does a corrupt
 * record, a zip replaced on disk, and the cache turned off.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadStage } from '../../src/settings';
import { packageApp, type PackageOptions, type PackageResult } from '../../src/package';
import type { StageSettings } from '../../src/settings/types';
import { makeProject, type Project } from '../helpers/artifact-project';
import { removeDir, tempDir, unzipTo } from '../helpers/artifact';
import { main } from '../../src/cli/main';
import { CACHE_FILE, cacheDir, keepLocalCache, withCacheFile } from '../../src/package/compile-cache';
import { currentRuntime, decodeCacheFile, encodeCacheFile } from '../../src/contracts/compile-cache-format';

const APP = `const express = require('express');
const greeting = require('greeting');
const message = require('./message');
const app = express();
app.get('/', (req, res) => res.send(greeting + message));
module.exports = app;
`;

let project: Project;
let settings: StageSettings;
let work: string;
const record = () => join(project.dir, '.zap', 'dev', 'package-cache.json');
const zipFile = () => join(project.dir, '.zap', 'dev', 'fixture-app-dev.zip');
/** The zip's identity on disk: a build writes a new file (written aside, then renamed), a reuse leaves it be. */
const identity = (file: string) => {
  const st = statSync(file);
  return `${st.ino} ${st.mtimeMs}`;
};
/** Packaging records a build only when no input changed while it ran (file times); a test's own writes must be older. */
const settle = () => new Promise((r) => setTimeout(r, 60));
const edit = async (file: string, content: string) => {
  writeFileSync(join(project.dir, file), content);
  await settle();
};
const pkg = (opts: PackageOptions = {}, s: StageSettings = settings) => packageApp(project.dir, s, { verify: false, ...opts });

/** `zap package dev` run in this process; what it prints (it prints with console.log). */
async function zapPackage(...flags: string[]): Promise<string> {
  const lines: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  const cwd = process.cwd();
  try {
    await main(['node', 'zap', '-C', project.dir, 'package', 'dev', ...flags]);
  } finally {
    log.mockRestore();
    process.chdir(cwd);
  }
  expect(process.exitCode ?? 0).toBe(0);
  return lines.join('\n');
}

async function bundleText(r: PackageResult): Promise<string> {
  const dir = join(work, String(Math.random()).slice(2));
  await unzipTo(r.artifact, dir);
  return readFileSync(join(dir, r.bundle.path), 'utf8');
}

beforeAll(async () => {
  project = makeProject(
    {
      'src/app.js': APP,
      'src/message.js': "module.exports = 'from message.js';\n",
      'node_modules/greeting/package.json': JSON.stringify({ name: 'greeting', version: '1.0.0', main: 'index.js' }),
      'node_modules/greeting/index.js': "module.exports = 'hello ';\n",
    },
    {},
    ['express'],
  );
  work = tempDir('pkg-cache');
  settings = await loadStage(project.dir, 'dev');
  await settle();
});
afterAll(() => {
  project.cleanup();
  removeDir(work);
});

describe('the packaging cache', () => {
  test('unchanged inputs: the artifact is reused, not built again, and the result says so', async () => {
    const first = await pkg();
    expect(first.package_cache).toEqual({ reused: false, detail: 'built: no earlier package' });
    const before = identity(zipFile());
    const second = await pkg();
    expect(second.package_cache.reused).toBe(true);
    expect(second.package_cache.detail).toMatch(/^inputs unchanged since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC, reused \.zap\/dev\/fixture-app-dev\.zip$/);
    expect(identity(zipFile())).toBe(before);
    expect(second.sha256).toBe(first.sha256);
    expect(second.files).toEqual(first.files);
    expect(second.artifact).toBe(zipFile());
  });

  test('a setting that only shapes AWS resources (memory_size) still reuses; one packaging reads builds again', async () => {
    expect((await pkg({}, { ...settings, memory_size: 2048 })).package_cache.reused).toBe(true);
    const changed = await pkg({}, { ...settings, bundle_aws_sdk: true });
    expect(changed.package_cache).toEqual({ reused: false, detail: 'built: the stage settings packaging reads changed' });
  });

  test('a source file edited: built again, with the edit in the bundle', async () => {
    await pkg();
    await edit('src/message.js', "module.exports = 'edited message.js';\n");
    const r = await pkg();
    expect(r.package_cache).toEqual({ reused: false, detail: 'built: src/message.js changed' });
    expect(await bundleText(r)).toContain('edited message.js');
    expect((await pkg()).package_cache.reused).toBe(true);
  });

  test('a new file beside an input that changes what an import resolves to: built again', async () => {
    // esbuild tries .ts before .js: require('./message') now means message.ts.
    await edit('src/message.ts', "module.exports = 'from message.ts';\n");
    const r = await pkg();
    expect(r.package_cache).toEqual({ reused: false, detail: 'built: src/message.ts is new' });
    expect(await bundleText(r)).toContain('from message.ts');
  });

  test('a package in node_modules changed: built again', async () => {
    await pkg();
    await edit('node_modules/greeting/index.js', "module.exports = 'good day ';\n");
    const r = await pkg();
    expect(r.package_cache).toEqual({ reused: false, detail: 'built: node_modules/greeting/index.js changed' });
    expect(await bundleText(r)).toContain('good day ');
  });

  test('a package whose package.json now points elsewhere: built again', async () => {
    await edit('node_modules/greeting/other.js', "module.exports = 'other ';\n");
    await pkg();
    await edit('node_modules/greeting/package.json', JSON.stringify({ name: 'greeting', version: '1.0.1', main: 'other.js' }));
    const r = await pkg();
    expect(r.package_cache).toEqual({ reused: false, detail: 'built: node_modules/greeting/package.json changed' });
    expect(await bundleText(r)).toMatch(/["']other ["']/);
  });

  test('a corrupt or foreign record: a normal build, no error, and the record is good again', async () => {
    for (const bad of ['{not json', JSON.stringify({ version: 1, key: {} }), '']) {
      writeFileSync(record(), bad);
      const r = await pkg();
      expect(r.package_cache).toEqual({ reused: false, detail: 'built: the cache record is unreadable' });
    }
    expect(() => JSON.parse(readFileSync(record(), 'utf8'))).not.toThrow();
    expect((await pkg()).package_cache.reused).toBe(true);
  });

  test('a zip replaced on disk since it was recorded: built again', async () => {
    writeFileSync(zipFile(), 'not the zip');
    const r = await pkg();
    expect(r.package_cache).toEqual({ reused: false, detail: 'built: .zap/dev/fixture-app-dev.zip is not the zip recorded' });
    expect(readFileSync(zipFile()).subarray(0, 2).toString()).toBe('PK');
  });

  test('another --out gets a copy of the same zip', async () => {
    const r = await pkg({ out: join(work, 'elsewhere.zip') });
    expect(r.package_cache.reused).toBe(true);
    expect(r.artifact).toBe(join(work, 'elsewhere.zip'));
    expect(readFileSync(r.artifact).equals(readFileSync(zipFile()))).toBe(true);
  });

  test('a compile cache a deploy kept since (and put into the zip): added without building again, the zip a full build makes', async () => {
    const first = await pkg({ compileCache: true });
    expect(first.compile_cache.included).toBe(false);
    // What deploy does when $LATEST made a cache: keep it beside the project, and put it into the zip on disk.
    const header = { ...currentRuntime(), bundle: first.bundle.path, source_sha256: first.compile_cache.bundle_sha256, source_bytes: 1, source_crc32: 0 };
    const file = encodeCacheFile(header, Buffer.from('cache'));
    const decoded = decodeCacheFile(file);
    if (!decoded.ok) throw new Error('the test made a bad cache file');
    keepLocalCache(cacheDir(project.dir, 'dev'), settings, file, decoded.header, null);
    await withCacheFile(readFileSync(zipFile()), file, zipFile());
    await settle();
    const mended = await pkg({ compileCache: true });
    expect(mended.package_cache.reused).toBe(true);
    expect(mended.package_cache.detail).toMatch(/^inputs unchanged since .+ UTC; added the compile cache the last deploy kept, to \.zap\/dev\/fixture-app-dev\.zip$/);
    expect(mended.compile_cache.included).toBe(true);
    expect(mended.files).toContain(CACHE_FILE);
    const full = await pkg({ compileCache: true, cache: false });
    expect(full.compile_cache.included).toBe(true);
    expect(mended.sha256).toBe(full.sha256);
    expect(mended.files).toEqual(full.files);
    expect((await pkg({ compileCache: true })).package_cache.detail).toMatch(/^inputs unchanged since /);
  });

  test('zap package after a deploy, and a deploy after zap package, fit the same recorded zip instead of building again', async () => {
    // Left from the test above: a record whose zip holds the compile cache a deploy kept.
    const deployed = await pkg({ compileCache: true });
    expect(deployed.compile_cache.included).toBe(true);
    const codeOnly = await pkg();
    expect(codeOnly.package_cache.reused).toBe(true);
    expect(codeOnly.package_cache.detail).toMatch(/^inputs unchanged since .+ UTC; left out the compile cache \(zap package ships the code only\), in \.zap\/dev\/fixture-app-dev\.zip$/);
    expect(codeOnly.compile_cache).toEqual({ setting: true, included: false, bundle_sha256: deployed.compile_cache.bundle_sha256 });
    expect(codeOnly.files).not.toContain(CACHE_FILE);
    const fullCodeOnly = await pkg({ cache: false });
    expect(codeOnly.sha256).toBe(fullCodeOnly.sha256);
    const again = await pkg({ compileCache: true });
    expect(again.package_cache.detail).toMatch(/^inputs unchanged since .+ UTC; added the compile cache the last deploy kept, to /);
    expect(again.sha256).toBe(deployed.sha256);
    expect((await pkg({ compileCache: true })).package_cache.detail).toMatch(/^inputs unchanged since .+ UTC, reused /);
  });

  test('turned off (cache: false, or ZAP_PACKAGE_CACHE=0): built again', async () => {
    const before = identity(zipFile());
    const off = await pkg({ cache: false });
    expect(off.package_cache).toEqual({ reused: false, detail: 'off (--no-package-cache)' });
    expect(identity(zipFile())).not.toBe(before);
    process.env.ZAP_PACKAGE_CACHE = '0';
    try {
      expect((await pkg()).package_cache).toEqual({ reused: false, detail: 'off (ZAP_PACKAGE_CACHE)' });
    } finally {
      delete process.env.ZAP_PACKAGE_CACHE;
    }
  });

  test('zap package says it reused the artifact, and --no-package-cache builds again', async () => {
    await pkg({ verify: true });
    await settle();
    expect(await zapPackage()).toMatch(/^ {2}package: inputs unchanged since .+ UTC, reused \.zap\/dev\/fixture-app-dev\.zip$/m);
    expect(await zapPackage('--no-package-cache')).toMatch(/^ {2}package: off \(--no-package-cache\)$/m);
  });
});
