/**
 * The packaging cache's record moves with the project: a project copied or re-cloned to another
 * folder (its `.zap/` with it, as a CI cache restores it) reuses its artifact when what surrounds it
 * is the same relative to it, and builds again, naming what differs, when the node_modules above it
 * are not the same. The zip reused is the one a build in the new folder makes.
 */
import { cpSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadStage } from '../../src/settings';
import { packageApp, type PackageOptions } from '../../src/package';
import type { StageSettings } from '../../src/settings/types';
import { REPO, removeDir, tempDir, unzipTo } from '../helpers/artifact';

const APP = `const express = require('express');
const greeting = require('greeting');
const app = express();
app.get('/', (req, res) => res.send(greeting + require('./message')));
module.exports = app;
`;

let work: string;
let settings: StageSettings;
/** Packaging records a build only when no input changed while it ran (file times); the test's own writes must be older. */
const settle = () => new Promise((r) => setTimeout(r, 60));
const pkg = (dir: string, opts: PackageOptions = {}, s: StageSettings = settings) => packageApp(dir, s, { verify: false, ...opts });
const write = (file: string, content: string) => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
};
/** `<work>/<name>`: a copy of the first checkout, the project in `app/` and a node_modules above it, as in a monorepo. */
function checkout(name: string): string {
  cpSync(join(work, 'one'), join(work, name), { recursive: true, verbatimSymlinks: true });
  return join(work, name, 'app');
}
async function bundleText(zip: string, bundle: string): Promise<string> {
  const dir = join(work, 'unzipped', String(Math.random()).slice(2));
  await unzipTo(zip, dir);
  return readFileSync(join(dir, bundle), 'utf8');
}

beforeAll(async () => {
  work = tempDir('pkg-moved');
  const app = join(work, 'one', 'app');
  write(join(work, 'one', 'node_modules', 'greeting', 'package.json'), JSON.stringify({ name: 'greeting', version: '1.0.0', main: 'index.js' }));
  write(join(work, 'one', 'node_modules', 'greeting', 'index.js'), "module.exports = 'hello ';\n");
  write(join(app, 'package.json'), JSON.stringify({ name: 'fixture-app', private: true, dependencies: { express: '^5.3.0' } }));
  write(join(app, 'zap.json'), JSON.stringify({ dev: { app: 'src/app.js#default' } }));
  write(join(app, 'src', 'app.js'), APP);
  write(join(app, 'src', 'message.js'), "module.exports = 'from message.js';\n");
  mkdirSync(join(app, 'node_modules'));
  symlinkSync(join(REPO, 'node_modules', 'express'), join(app, 'node_modules', 'express'), 'dir');
  settings = await loadStage(app, 'dev');
  await settle();
  expect((await pkg(app)).package_cache).toEqual({ reused: false, detail: 'built: no earlier package' });
});
afterAll(() => removeDir(work));

describe('a project moved with its .zap/', () => {
  test('to a folder with the same surroundings: the artifact is reused, and it is the zip a build there makes', async () => {
    const moved = checkout('two');
    // The first checkout is gone meanwhile, as when a CI cache is restored into a new checkout.
    renameSync(join(work, 'one'), join(work, 'one-away'));
    const r = await pkg(moved).finally(() => renameSync(join(work, 'one-away'), join(work, 'one')));
    expect(r.package_cache.reused).toBe(true);
    expect(r.package_cache.detail).toMatch(/^inputs unchanged since .+ UTC, reused \.zap\/dev\/fixture-app-dev\.zip$/);
    expect(r.artifact).toBe(join(moved, '.zap', 'dev', 'fixture-app-dev.zip'));
    const fresh = await pkg(moved, { cache: false, out: join(work, 'fresh.zip') });
    expect(r.sha256).toBe(fresh.sha256);
    expect(readFileSync(r.artifact).equals(readFileSync(fresh.artifact))).toBe(true);
  });

  test('with another project_name: reused, the zip copied to the new name', async () => {
    const moved = checkout('renamed');
    const r = await pkg(moved, {}, { ...settings, project_name: 'renamed-app' });
    expect(r.package_cache.reused).toBe(true);
    expect(r.artifact).toBe(join(moved, '.zap', 'dev', 'renamed-app-dev.zip'));
    expect(readFileSync(r.artifact).equals(readFileSync(join(moved, '.zap', 'dev', 'fixture-app-dev.zip')))).toBe(true);
  });

  test('whose node_modules above it differ: built again, saying which file, with the other package in the bundle', async () => {
    const moved = checkout('three');
    write(join(work, 'three', 'node_modules', 'greeting', 'index.js'), "module.exports = 'good day ';\n");
    await settle();
    const r = await pkg(moved);
    expect(r.package_cache).toEqual({ reused: false, detail: 'built: ../node_modules/greeting/index.js changed' });
    expect(await bundleText(r.artifact, r.bundle.path)).toContain('good day ');
    expect((await pkg(moved)).package_cache.reused).toBe(true);
  });

  test('where the project has its own copy of a package found above it before: built again with that copy', async () => {
    const moved = checkout('four');
    write(join(moved, 'node_modules', 'greeting', 'package.json'), JSON.stringify({ name: 'greeting', version: '2.0.0', main: 'index.js' }));
    write(join(moved, 'node_modules', 'greeting', 'index.js'), "module.exports = 'own ';\n");
    await settle();
    const r = await pkg(moved);
    expect(r.package_cache).toEqual({ reused: false, detail: 'built: greeting/ appeared in node_modules' });
    expect(await bundleText(r.artifact, r.bundle.path)).toContain('own ');
  });
});
