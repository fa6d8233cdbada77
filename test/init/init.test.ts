import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runZap } from '../helpers/cli';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'zap-init-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'shop' }));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

const readSettings = (dir: string) => JSON.parse(readFileSync(join(dir, 'zap.json'), 'utf8'));

describe('zap init', () => {
  test('finds a TypeScript app exported by name and writes dev and prod stages', async () => {
    const dir = project({ 'src/app.ts': "import express from 'express';\nexport const app = express();\napp.get('/', (_q, r) => r.send('hi'));\n" });
    const res = await runZap(['init', '--region', 'eu-west-1'], { cwd: dir });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const s = readSettings(dir);
    expect(s.dev).toMatchObject({ app: 'src/app.ts#app', aws_region: 'eu-west-1', keep_warm: 1 });
    expect(s.prod).toMatchObject({ extends: 'dev' });
    expect(s.$schema).toMatch(/node_modules\/.+\/zap\.schema\.json$/);
  });

  test("finds express-generator's app.js beside bin/www", async () => {
    const dir = project({
      'app.js': "var express = require('express');\nvar app = express();\nmodule.exports = app;\n",
      'bin/www': "#!/usr/bin/env node\nvar app = require('../app');\nvar http = require('http');\nhttp.createServer(app).listen(3000);\n",
    });
    expect((await runZap(['init'], { cwd: dir })).code).toBe(0);
    expect(readSettings(dir).dev.app).toBe('app.js');
  });

  test('an app that calls listen() on import is explained, and no zap.json is written', async () => {
    const dir = project({ 'server.js': "const express = require('express');\nconst app = express();\napp.listen(3000);\n" });
    const res = await runZap(['init'], { cwd: dir });
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/server\.js creates the app and calls listen\(\) when imported/);
    expect(res.stderr).toMatch(/module\.exports = app/);
    expect(existsSync(join(dir, 'zap.json'))).toBe(false);
  });

  test('a listen() guarded by require.main is fine', async () => {
    const dir = project({ 'app.js': "const express = require('express');\nconst app = express();\nif (require.main === module) app.listen(3000);\nmodule.exports = app;\n" });
    expect((await runZap(['init'], { cwd: dir })).code).toBe(0);
    expect(readSettings(dir).dev.app).toBe('app.js');
  });

  test('never overwrites an existing zap.json', async () => {
    const dir = project({ 'app.js': "const app = require('express')();\nmodule.exports = app;\n", 'zap.json': '{"mine": {}}' });
    const res = await runZap(['init'], { cwd: dir });
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/already exists/);
    expect(readFileSync(join(dir, 'zap.json'), 'utf8')).toBe('{"mine": {}}');
  });

  test('-C runs it in another folder; a missing folder is named', async () => {
    const dir = project({ 'app.js': "const app = require('express')();\nmodule.exports = app;\n" });
    expect((await runZap(['-C', dir, 'init'], { cwd: tmpdir() })).code).toBe(0);
    expect(readSettings(dir).dev.app).toBe('app.js');
    const missing = await runZap(['-C', join(dir, 'nope'), 'init'], { cwd: tmpdir() });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/-C .*nope: no such folder/);
  });

  test('no app at all says how to name one', async () => {
    const res = await runZap(['init'], { cwd: project({}) });
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/no Express app found.*--app/);
  });
});
