/** What `zap package` refuses, and how it says so: one line naming the problem and the fix, non-zero exit. */
import { createServer, type AddressInfo } from 'node:net';
import { runZapInProcess } from '../helpers/cli-in-process';
import { cjsApp, makeProject, type Project } from '../helpers/artifact-project';

const projects: Project[] = [];
afterAll(() => projects.forEach((p) => p.cleanup()));

async function packageProject(files: Record<string, string>, app: string, linkPackages?: string[]) {
  const project = makeProject({ ...files, 'zap.json': JSON.stringify({ dev: { app } }) }, {}, linkPackages);
  projects.push(project);
  return runZapInProcess(['package', 'dev'], { cwd: project.dir });
}

test('a missing app file → exit 2, naming the stage, the key and the file', async () => {
  const r = await packageProject({}, 'src/nope.ts#app');
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^zap: zap\.json: stage 'dev', key 'app': no file "src\/nope\.ts"/);
  expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace for a user error
});

test('a missing ESM export → exit 2 at build time, naming the export', async () => {
  const r = await packageProject({ 'src/app.mjs': `import express from 'express';\nexport const app = express();\n` }, 'src/app.mjs#server');
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/key 'app': src\/app\.mjs has no export named "server"/);
});

test('a missing CommonJS export → exit 2 from the boot check, listing the exports it has', async () => {
  const r = await packageProject({ 'src/app.js': cjsApp().replace('module.exports = app', 'exports.app = app') }, 'src/app.js#server');
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/src\/app\.js has no export named "server" \(its exports: app\)/);
});

test('a module that exports no app and calls no listen() → exit 2, naming what it found', async () => {
  const r = await packageProject({ 'src/app.js': `module.exports = { hello: 'world' };\n` }, 'src/app.js');
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/src\/app\.js: its export "default" is an object \(keys: hello\) and called no listen\(\) \(nothing was left running that could call it\); its exports: hello\./);
});

test('a module that exports nothing and keeps a timer running → waited for 10 s, then said in those words', async () => {
  const r = await packageProject({ 'src/app.js': `const express = require('express');\nexpress();\nsetTimeout(() => {}, 20_000);\n` }, 'src/app.js');
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/src\/app\.js exports nothing and called no listen\(\) within 10 s; its exports: none\./);
  expect(r.stderr).toMatch(/If it listens only after connecting to a database or cache, it may still be waiting for it: check that the function can reach that server\.$/m);
}, 30_000);

test('an app that calls listen() on import is packaged: the listen() is captured, and the report says so', async () => {
  const r = await packageProject({ 'src/app.js': cjsApp().replace('module.exports = app;', 'app.listen(0);') }, 'src/app.js');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^  app: listen\(3000\) captured, no port bound; its request handler is an Express app$/m);
});

test('an app that connects to its database before listen(), unreachable here → packaged with a warning naming the address, not "no app"', async () => {
  const closed = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
  // node-express-boilerplate's shape: mongoose.connect(url).then(() => app.listen(port)), the failure only logged.
  const connect = `const connect = () => new Promise((resolve, reject) => require('net').connect(${closed}, '127.0.0.1').once('connect', resolve).once('error', reject));\n`;
  const r = await packageProject({ 'src/index.js': cjsApp(connect).replace('module.exports = app;', "connect().then(() => app.listen(3000)).catch((e) => console.error('db:', e.code));") }, 'src/index.js');
  expect(r.code).toBe(0);
  expect(r.stdout).toContain(`warning: the app did not listen() at package time: it was trying to reach 127.0.0.1:${closed} (ECONNREFUSED), which this machine could not reach`);
});

test('a relative import of a module no bundler reads (LiveScript through its require hook) → exit 2, saying to compile it, not to npm-install it', async () => {
  const r = await packageProject({ 'index.js': `require('livescript');\nrequire('./app');\n`, 'app.ls': 'require! express\n' }, 'index.js');
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/index\.js:2 imports "\.\/app", and no file of that name that zap can bundle exists .*must be compiled to JavaScript first/);
  expect(r.stderr).not.toMatch(/npm i \.\/app/);
});

test('an import that is not installed → names the module and the npm command, exit 2 (the user fixes it)', async () => {
  const r = await packageProject({ 'src/app.js': `require('left-pad-not-installed');\n${cjsApp()}` }, 'src/app.js');
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/imports "left-pad-not-installed", which is not installed: run `npm i left-pad-not-installed`/);
});
