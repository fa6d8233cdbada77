/** `zap package`: a deterministic zip with the layout index.js expects, and the figures a user checks. */
import { createHash } from 'node:crypto';
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildArtifact, removeDir, SAMPLE_APP, tempDir } from '../helpers/artifact';
import { runZapInProcess } from '../helpers/cli-in-process';
import { loadStage } from '../../src/settings';
import { packageApp, HANDLER } from '../../src/package';
import { makeProject, cjsApp } from '../helpers/artifact-project';
import { ArtifactProcess } from '../helpers/artifact-process';
import { functionUrlEvent } from '../helpers/artifact-client';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('zap package on the sample app', () => {
  let out: string;
  beforeAll(() => {
    out = tempDir('pkg');
  });
  afterAll(() => removeDir(out));

  test('the same input gives the same zip, byte for byte, even when file times change', async () => {
    const settings = await loadStage(SAMPLE_APP, 'dev');
    const a = await packageApp(SAMPLE_APP, settings, { out: join(out, 'a.zip') });
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(SAMPLE_APP, 'src/views/about.html'), later, later);
    const b = await packageApp(SAMPLE_APP, settings, { out: join(out, 'b.zip'), cache: false }); // built again, not reused: this is about the build
    expect(b.sha256).toBe(a.sha256);
    expect(sha(b.artifact)).toBe(a.sha256);
    expect(readFileSync(a.artifact).equals(readFileSync(b.artifact))).toBe(true);
  });

  test('the zip holds index.js, the app bundle beside the app module, a root stub and the included files', async () => {
    const settings = await loadStage(SAMPLE_APP, 'dev');
    const r = await packageApp(SAMPLE_APP, settings, { out });
    expect(r.files).toEqual(['index.js', 'package.json', 'src/public/hello.txt', 'src/views/about.html', 'src/zap-app.cjs', 'zap-app.cjs']);
    expect(r.artifact).toBe(join(out, 'zap-sample-app-dev.zip'));
    expect(r.handler).toBe('index.handler');
    expect(HANDLER).toBe('index.handler');
    expect(r.bundle.path).toBe('src/zap-app.cjs');
    expect(r.bytes).toBe(statSync(r.artifact).size);
  });

  test('the five biggest contributors come from the metafile, largest first', async () => {
    const r = await packageApp(SAMPLE_APP, await loadStage(SAMPLE_APP, 'dev'), { out });
    expect(r.biggest).toHaveLength(5);
    const sizes = r.biggest.map((c) => c.bytes);
    expect([...sizes].sort((x, y) => y - x)).toEqual(sizes);
    expect(r.biggest.map((c) => c.name)).toContain('mime-db');
    expect(r.bundle.bytes).toBeGreaterThan(sizes.reduce((s, n) => s + n, 0));
  });

  test('a changed source file changes the hash', async () => {
    const project = makeProject({ 'src/app.js': cjsApp('// v1') });
    try {
      const settings = await loadStage(project.dir, 'dev');
      const a = await packageApp(project.dir, settings, { verify: false });
      writeFileSync(join(project.dir, 'src/app.js'), cjsApp('// v2\nconst version = 2; module.exports.version = version;'));
      const b = await packageApp(project.dir, settings, { verify: false });
      expect(a.artifact).toBe(join(project.dir, '.zap', 'dev', 'fixture-app-dev.zip'));
      expect(b.sha256).not.toBe(a.sha256);
    } finally {
      project.cleanup();
    }
  });
});

describe('the zap package command', () => {
  let out: string;
  beforeAll(() => {
    out = tempDir('cli');
  });
  afterAll(() => removeDir(out));

  test('--json prints artifact, bytes and sha256 that match the file written', async () => {
    const r = await runZapInProcess(['package', 'dev', '--json', '--out', out], { cwd: SAMPLE_APP });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ artifact: join(out, 'zap-sample-app-dev.zip'), handler: 'index.handler' });
    expect(json.bytes).toBe(statSync(json.artifact).size);
    expect(json.sha256).toBe(sha(json.artifact));
  });

  test('text output names the artifact, its size, sha256 and the biggest contributors', async () => {
    const r = await runZapInProcess(['package', 'dev', '--out', join(out, 'x.zip')], { cwd: SAMPLE_APP });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(join(out, 'x.zip'));
    expect(r.stdout).toMatch(/kB zipped/);
    expect(r.stdout).toMatch(/sha256 [0-9a-f]{64}/);
    expect(r.stdout).toMatch(/biggest in the bundle:\n(\s+[\d.]+ (kB|MB)\s+\S.*\n){5}/);
  });
});

describe('apps in other shapes', () => {
  test.each([
    ['CommonJS module.exports = app', { 'src/app.js': cjsApp() }, 'src/app.js'],
    ['ESM export default', { 'src/app.mjs': `import express from 'express';\nconst app = express();\napp.get('/', (q, s) => s.json({ ok: true }));\nexport default app;\n` }, 'src/app.mjs'],
    ['TypeScript named export', { 'src/app.ts': `import express from 'express';\nexport const app = express();\napp.get('/', (_q, s) => { s.json({ ok: true }); });\n` }, 'src/app.ts#app'],
    ['CommonJS exports.app', { 'lib/server.js': `const express = require('express');\nconst app = express();\napp.get('/', (q, s) => s.json({ ok: true }));\nexports.app = app;\n` }, 'lib/server.js#app'],
  ])('%s packages and serves GET /', async (_label, files, app) => {
    const project = makeProject({ ...files, 'zap.json': JSON.stringify({ dev: { app } }) });
    const artifact = await buildArtifact(project.dir, 'dev');
    const c = await new ArtifactProcess(artifact.dir).whenReady();
    try {
      const r = await c.invoke(functionUrlEvent('GET', '/'));
      expect(r.result.statusCode).toBe(200);
      expect(JSON.parse(r.result.body)).toEqual({ ok: true });
      expect(artifact.result.warnings).toEqual([]);
    } finally {
      await c.close();
      artifact.cleanup();
      project.cleanup();
    }
  });
});
