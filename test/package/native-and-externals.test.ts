/** Native addons, externals copied with their dependencies, view engines loaded by name, computed requires. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadStage } from '../../src/settings';
import { packageApp } from '../../src/package';
import { buildArtifact } from '../helpers/artifact';
import { ArtifactProcess } from '../helpers/artifact-process';
import { functionUrlEvent } from '../helpers/artifact-client';
import { cjsApp, fakePackage, makeProject, type Project } from '../helpers/artifact-project';

const projects: Project[] = [];
afterAll(() => projects.forEach((p) => p.cleanup()));

function nativeProject(stage: Record<string, unknown> = {}): Project {
  const project = makeProject({ 'src/app.js': `const addon = require('fake-native');\n${cjsApp()}` }, stage, ['express']);
  projects.push(project);
  fakePackage(project, 'fake-native', { 'index.js': `module.exports = require('./build/Release/addon.node');\n`, 'build/Release/addon.node': '\u007fELF not really' }, { dependencies: { 'fake-dep': '1.0.0' } });
  fakePackage(project, 'fake-dep', { 'index.js': 'module.exports = 1;\n' });
  return project;
}

test('a bundled native addon is refused, naming the package and the "external" fix', async () => {
  const project = nativeProject();
  await expect(packageApp(project.dir, await loadStage(project.dir, 'dev'))).rejects.toThrow(
    /"fake-native" is a native addon \(.*addon\.node\) and cannot be bundled: add "fake-native" to "external" in zap\.json/,
  );
});

test('a package that builds an addon at install (gypfile) is refused too', async () => {
  const project = makeProject({ 'src/app.js': `require('fake-gyp');\n${cjsApp()}` }, {}, ['express']);
  projects.push(project);
  fakePackage(project, 'fake-gyp', { 'index.js': 'module.exports = {};\n' }, { gypfile: true });
  await expect(packageApp(project.dir, await loadStage(project.dir, 'dev'))).rejects.toThrow(/native addon cannot be bundled: fake-gyp \(required by src\/app\.js\)\. Add "fake-gyp" to "external"/);
});

test('an external package ships from node_modules with its production dependencies, and a platform warning', async () => {
  const project = nativeProject({ external: ['fake-native'] });
  const r = await packageApp(project.dir, await loadStage(project.dir, 'dev'));
  expect(r.files).toEqual(expect.arrayContaining(['node_modules/fake-native/build/Release/addon.node', 'node_modules/fake-native/index.js', 'node_modules/fake-dep/index.js']));
  expect(r.files.some((f) => f.startsWith('node_modules/express/'))).toBe(false);
  expect(r.warnings.join('\n')).toMatch(/fake-native ship compiled \.node files: they must be built for Linux arm64/);
});

test("a package's optional native accelerator (msgpackr → msgpackr-extract under bullmq) is left out: the package takes its JavaScript fallback on Lambda, and zap says so", async () => {
  const project = makeProject(
    { 'src/app.js': cjsApp(`const codec = require('fake-msgpack');`).replace("res.json({ ok: true })", "res.json({ native: codec.native })") },
    {},
    ['express'],
  );
  projects.push(project);
  fakePackage(project, 'fake-msgpack', { 'index.js': `let extractor;\ntry {\n  extractor = require('fake-extract');\n} catch (error) {\n  // native module is optional\n}\nmodule.exports = { native: Boolean(extractor) };\n` }, { optionalDependencies: { 'fake-extract': '1.0.0' } });
  fakePackage(project, 'fake-extract', { 'index.js': `module.exports = require('node-gyp-build')(__dirname);\n`, 'prebuilds/linux-x64/fake.node': '\u007fELF not really' }, { dependencies: { 'node-gyp-build': '4' } });
  const artifact = await buildArtifact(project.dir, 'dev');
  const c = await new ArtifactProcess(artifact.dir).whenReady();
  try {
    expect(artifact.result.notes.join('\n')).toMatch(/"fake-extract" is an optional native addon of fake-msgpack: left out, so fake-msgpack runs without it.*add "fake-extract" to "external"/);
    expect(artifact.result.files.some((f) => f.includes('fake-extract'))).toBe(false);
    const r = await c.invoke(functionUrlEvent('GET', '/'));
    expect(r.result).toMatchObject({ statusCode: 200, body: '{"native":false}' });
  } finally {
    await c.close();
    artifact.cleanup();
  }
});

test("an optional dependency built for one platform (napi-rs's @node-rs/argon2-linux-x64-gnu: os and cpu in its package.json) is the package's implementation: still refused, with the external fix", async () => {
  const project = makeProject({ 'src/app.js': cjsApp(`require('fake-argon2');`) }, {}, ['express']);
  projects.push(project);
  fakePackage(project, 'fake-argon2', { 'index.js': `let b;\ntry { b = require('fake-argon2-linux-x64-gnu'); } catch (e) {}\nif (!b) throw new Error('Cannot find native binding');\nmodule.exports = b;\n` }, { optionalDependencies: { 'fake-argon2-linux-x64-gnu': '1.0.0' } });
  fakePackage(project, 'fake-argon2-linux-x64-gnu', { 'index.js': `module.exports = require('./argon2.linux-x64-gnu.node');\n`, 'argon2.linux-x64-gnu.node': '\u007fELF not really' }, { os: ['linux'], cpu: ['x64'] });
  await expect(packageApp(project.dir, await loadStage(project.dir, 'dev'))).rejects.toThrow(/"fake-argon2-linux-x64-gnu" is a native addon .* add "fake-argon2-linux-x64-gnu" to "external"/);
});

test('an optional native addon a package cannot boot without after all: exit 2 at package time, naming the addon to put in "external"', async () => {
  const project = makeProject({ 'src/app.js': cjsApp(`require('fake-strict');`) }, {}, ['express']);
  projects.push(project);
  fakePackage(project, 'fake-strict', { 'index.js': `module.exports = require('fake-accel');\n` }, { optionalDependencies: { 'fake-accel': '1.0.0' } });
  fakePackage(project, 'fake-accel', { 'index.js': `module.exports = require('./build/Release/accel.node');\n`, 'build/Release/accel.node': '\u007fELF not really' });
  await expect(packageApp(project.dir, await loadStage(project.dir, 'dev'))).rejects.toMatchObject({
    exitCode: 2,
    message: expect.stringMatching(/^the app failed to boot without the optional native addon "fake-accel" .*: add "fake-accel" to "external" in zap\.json \(stage 'dev'\)/),
  });
});

test('an optional native the project lists itself (an ORM driver it chose, as better-sqlite3 for knex) is not left out: it belongs in "external"', async () => {
  const project = makeProject({ 'package.json': JSON.stringify({ name: 'fixture-app', dependencies: { express: '^5', 'fake-driver': '1.0.0' } }), 'src/app.js': cjsApp(`require('fake-orm');`) }, {}, ['express']);
  projects.push(project);
  fakePackage(project, 'fake-orm', { 'index.js': `module.exports = require('fake-driver');\n` }, { optionalDependencies: { 'fake-driver': '1.0.0' } });
  fakePackage(project, 'fake-driver', { 'index.js': `module.exports = require('./build/Release/driver.node');\n`, 'build/Release/driver.node': '\u007fELF not really' });
  await expect(packageApp(project.dir, await loadStage(project.dir, 'dev'))).rejects.toThrow(/"fake-driver" is a native addon \(node_modules\/fake-driver\/build\/Release\/driver\.node\) and cannot be bundled: add "fake-driver" to "external"/);
});

test('an external addon compiled for another Node major than the runtime stops packaging before any deploy', async () => {
  const project = nativeProject({ external: ['fake-native'], architecture: 'x86_64' });
  const elf = Buffer.alloc(64);
  elf.write('\u007fELF', 0, 'latin1');
  elf[4] = 2;
  elf[5] = 1;
  elf.writeUInt16LE(62, 18); // x86_64
  writeFileSync(join(project.dir, 'node_modules/fake-native/build/Release/addon.node'), Buffer.concat([elf, Buffer.from('libc.so.6\0GLIBC_2.17\0node_register_module_v127\0', 'latin1')]));
  await expect(packageApp(project.dir, await loadStage(project.dir, 'dev'))).rejects.toMatchObject({
    exitCode: 2,
    message: expect.stringMatching(/^"fake-native" ships node_modules\/fake-native\/build\/Release\/addon\.node, compiled for Node 22 \(NODE_MODULE_VERSION 127\), and the function runs nodejs24\.x/),
  });
});

/** A project whose Express app renders with ejs, the engine a stand-in: Express calls require('ejs').__express(file, options, cb). */
function viewsProject(settings: Record<string, unknown>): Project {
  const project = makeProject(
    {
      'package.json': JSON.stringify({ name: 'views-app', dependencies: { express: '^5', ejs: '^3' } }),
      'src/app.js': `const path = require('path');\n${cjsApp("")}`.replace(
        'module.exports = app;',
        `app.set('views', path.join(__dirname, 'views'));\napp.set('view engine', 'ejs');\napp.get('/hi', (req, res) => res.render('hi', { name: 'zap' }));\nmodule.exports = app;`,
      ),
      'src/views/hi.ejs': 'Hello <%= name %>!',
    },
    { include: ['src/views/**'], ...settings },
    ['express'],
  );
  projects.push(project);
  fakePackage(project, 'ejs', {
    'index.js': `const fs = require('fs');\nexports.__express = (file, opts, cb) => cb(null, fs.readFileSync(file, 'utf8').replace('<%= name %>', opts.name));\n`,
  });
  return project;
}

test.each([
  ['bundled with the app (the default), and Express\'s require by name gets it', {}, false],
  ['shipped unbundled from node_modules with bundle_view_engines false', { bundle_view_engines: false }, true],
])('a view engine Express loads by name: %s; it renders on Lambda', async (_name, settings, unbundled) => {
  const artifact = await buildArtifact(viewsProject(settings).dir, 'dev');
  const c = await new ArtifactProcess(artifact.dir).whenReady();
  try {
    expect(artifact.result.files.includes('node_modules/ejs/index.js')).toBe(unbundled);
    const note = /view engine ejs shipped unbundled: Express loads them by name, and bundle_view_engines is false/;
    if (unbundled) expect(artifact.result.warnings.join('\n')).toMatch(note);
    else expect(artifact.result.warnings.join('\n')).not.toMatch(/shipped unbundled/);
    const r = await c.invoke(functionUrlEvent('GET', '/hi'));
    expect(r.result.statusCode).toBe(200);
    expect(r.result.body).toBe('Hello zap!');
  } finally {
    await c.close();
    artifact.cleanup();
  }
});

test('a computed require in the project is reported with its location and the fix', async () => {
  const project = makeProject({ 'src/app.js': `const name = process.env.PLUGIN || 'os';\nrequire(name);\n${cjsApp()}` });
  projects.push(project);
  const r = await packageApp(project.dir, await loadStage(project.dir, 'dev'), { verify: false });
  expect(r.warnings).toEqual([
    expect.stringMatching(/^src\/app\.js:2 loads a module by a computed name zap could not follow: if it is a package, add it to "external" in zap\.json; if it is a local file, list it in "include"/),
  ]);
});

test('ESM code that finds its files through import.meta.url works in the CommonJS bundle', async () => {
  const project = makeProject(
    {
      'src/app.mjs': [
        `import express from 'express';`,
        `import { readFileSync } from 'node:fs';`,
        `const greeting = readFileSync(new URL('./greeting.txt', import.meta.url), 'utf8');`,
        `const app = express();`,
        `app.get('/', (req, res) => res.type('text').send(greeting));`,
        `export default app;`,
      ].join('\n'),
      'src/greeting.txt': 'hello from a file next to the module',
    },
    { app: 'src/app.mjs', include: ['src/greeting.txt'] },
  );
  projects.push(project);
  const artifact = await buildArtifact(project.dir, 'dev');
  const c = await new ArtifactProcess(artifact.dir).whenReady();
  try {
    expect(artifact.result.warnings).toEqual([]);
    const r = await c.invoke(functionUrlEvent('GET', '/'));
    expect(r.result.body).toBe('hello from a file next to the module');
  } finally {
    await c.close();
    artifact.cleanup();
  }
});

test('@aws-sdk/* stays out of the bundle (Lambda provides it) unless bundle_aws_sdk is set', async () => {
  const app = `const { LambdaClient } = require('@aws-sdk/client-lambda');\nmodule.exports.client = LambdaClient;\n${cjsApp()}`;
  const outside = makeProject({ 'src/app.js': app });
  const inside = makeProject({ 'src/app.js': app }, { bundle_aws_sdk: true });
  projects.push(outside, inside);
  const a = await packageApp(outside.dir, await loadStage(outside.dir, 'dev'), { verify: false });
  const b = await packageApp(inside.dir, await loadStage(inside.dir, 'dev'), { verify: false });
  expect(a.biggest.map((c) => c.name).some((n) => n.startsWith('@aws-sdk/') || n.startsWith('@smithy/'))).toBe(false);
  expect(b.biggest.map((c) => c.name).some((n) => n.startsWith('@aws-sdk/') || n.startsWith('@smithy/'))).toBe(true);
  expect(b.bundle.bytes).toBeGreaterThan(a.bundle.bytes + 200_000);
});
