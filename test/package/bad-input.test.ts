/** What `zap package` refuses, and how it says so: one line naming the problem and the fix, non-zero exit. */
import { createServer, type AddressInfo } from 'node:net';
import { runZapInProcess } from '../helpers/cli-in-process';
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
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

describe("a server that loads its project's build output (Vite's SSR template), packaged before the build ran", () => {
  // server.js as the template writes it: the page template read at boot, the renderer imported
  // inside the request's try block, whose catch answers 500 with the stack.
  const server = [
    `import fs from 'node:fs/promises';`,
    `import express from 'express';`,
    `const templateHtml = await fs.readFile('./dist/client/index.html', 'utf-8');`,
    `const app = express();`,
    `app.use('*all', async (req, res) => {`,
    `  try {`,
    `    const render = (await import('./dist/server/entry-server.js')).render;`,
    `    res.status(200).set({ 'Content-Type': 'text/html' }).send(templateHtml.replace('<!--app-html-->', render(req.originalUrl)));`,
    `  } catch (e) {`,
    `    res.status(500).end(e.stack);`,
    `  }`,
    `});`,
    `app.listen(process.env.PORT || 5173);`,
  ].join('\n');
  const pkg = JSON.stringify({ name: 'ssr-react', private: true, type: 'module', scripts: { build: 'npm run build:client && npm run build:server' } });
  const built = { 'dist/client/index.html': '<div id="root"><!--app-html--></div>', 'dist/server/entry-server.js': 'export const render = (url) => `<p>${url}</p>`;\n' };

  test('no dist/ at all → exit 2, naming the import, the missing folder and `npm run build`', async () => {
    const r = await packageProject({ 'package.json': pkg, 'server.js': server }, 'server.js', ['express']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe("zap: server.js:7 imports ./dist/server/entry-server.js, which does not exist (the project has no dist/): run the project's build first (`npm run build`), then run zap again");
  });

  test('the renderer built but not the client → exit 2 from the boot check, naming the file it read', async () => {
    const r = await packageProject({ 'package.json': pkg, 'server.js': server, 'dist/server/entry-server.js': built['dist/server/entry-server.js'] }, 'server.js', ['express']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("dist/client/index.html is not in the project: run the project's build first (`npm run build`), then run zap again");
  });

  test('built, it packages; an optional local module in a try block is only a warning', async () => {
    const optional = server.replace(`const app = express();`, `let local = {};\ntry { local = await import('./config.local.js'); } catch {}\nconst app = express();`);
    const r = await packageProject({ 'package.json': pkg, 'server.js': optional, ...built }, 'server.js', ['express']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('warning: server.js:5 imports ./config.local.js, which does not exist: the import is left to fail at run time, as under node');
  });
});

test("SvelteKit's adapter-node server (`import { handler } from './build/handler.js'`) before `npm run build` → exit 2, naming the build, not `npm i`", async () => {
  const server = `import { handler } from './build/handler.js';\nimport express from 'express';\nconst app = express();\napp.use(handler);\napp.listen(3000);\n`;
  const pkg = JSON.stringify({ name: 'sveltekit-app', private: true, type: 'module', scripts: { build: 'vite build' } });
  const r = await packageProject({ 'package.json': pkg, 'server.js': server }, 'server.js', ['express']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("server.js:1 imports ./build/handler.js, which does not exist (the project has no build/): run the project's build first (`npm run build`), then run zap again");
  expect(r.stderr).not.toContain('npm i');
});

test("React Router's custom server (`await import(BUILD_PATH)`) before `npm run build` → exit 2 from the boot check, naming build/server/index.js", async () => {
  const server = [
    `import express from 'express';`,
    `const BUILD_PATH = './build/server/index.js';`,
    `const app = express();`,
    `app.use(express.static('build/client', { maxAge: '1h' }));`,
    `app.use(await import(BUILD_PATH).then((mod) => mod.app));`,
    `app.listen(process.env.PORT || 3000);`,
  ].join('\n');
  const pkg = JSON.stringify({ name: 'rr-app', private: true, type: 'module', scripts: { build: 'react-router build' } });
  const r = await packageProject({ 'package.json': pkg, 'server.js': server }, 'server.js', ['express']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("build/server/index.js is not in the project: run the project's build first (`npm run build`), then run zap again");
});

test('an app started from its Babel build (`"start": "node dist/server.js"`) before `npm run build` → exit 2, naming the build, not another module to point at', async () => {
  const pkg = JSON.stringify({ name: 'react-ssr-dist', private: true, scripts: { build: 'babel src -d dist', start: 'node dist/server.js' } });
  const r = await packageProject({ 'package.json': pkg, 'src/server.js': cjsApp() }, 'dist/server.js', ['express']);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/key 'app': no file "dist\/server\.js" in \S+: the project has no dist\/: run the project's build first \(`npm run build`\), then run zap again/);
});

test('a Marko template required through its require hook (`@marko/compiler/register`) → exit 2, naming the file and the hook, not esbuild\'s "No loader is configured"', async () => {
  const server = `require('@marko/compiler/register')({ modules: 'cjs' });\nconst express = require('express');\nconst template = require('./views/index.marko').default;\nconst app = express();\napp.get('/', (req, res) => res.marko(template, {}));\napp.listen(3000);\n`;
  const r = await packageProject({ 'server.js': server, 'views/index.marko': '<h1>Hello ${input.name}</h1>\n' }, 'server.js', ['express']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('server.js:3 loads views/index.marko, a ".marko" file that the require hook @marko/compiler/register compiles at run time; zap bundles with esbuild, which cannot compile .marko files');
  expect(r.stderr).not.toContain('No loader is configured');
});

test('an optional local module required in a try block from a folder the project lacks (`require(\'./generated/config\')`) is a warning: the app copes without it', async () => {
  const app = `let config = {};\ntry { config = require('./generated/config'); } catch {}\n${cjsApp()}`;
  const r = await packageProject({ 'package.json': JSON.stringify({ name: 'opt', scripts: { build: 'node gen.js' } }), 'src/app.js': app }, 'src/app.js', ['express']);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('warning: src/app.js:2 imports ./generated/config, which does not exist: the import is left to fail at run time, as under node');
});

test('pages edited after the build (src/App.jsx newer than dist/server/entry-server.js) → a warning naming both and `npm run build`, on every run', async () => {
  const server = `import express from 'express';\nconst app = express();\napp.use(async (req, res) => res.send((await import('./dist/server/entry-server.js')).render()));\napp.listen(5173);\n`;
  const project = makeProject(
    {
      'package.json': JSON.stringify({ name: 'ssr-react', private: true, type: 'module', scripts: { build: 'vite build' } }),
      'server.js': server,
      'dist/server/entry-server.js': 'export const render = () => "<p>old</p>";\n',
      'src/App.jsx': 'export default () => <p>new</p>;\n',
      'zap.json': JSON.stringify({ dev: { app: 'server.js' } }),
    },
    {},
    ['express'],
  );
  projects.push(project);
  // Every file settled in the past (the packaging cache trusts only settled files), the page edited last.
  const built = Date.now() / 1000 - 300;
  for (const f of ['package.json', 'server.js', 'zap.json', 'dist/server/entry-server.js']) utimesSync(join(project.dir, f), built, built);
  utimesSync(join(project.dir, 'src/App.jsx'), built + 60, built + 60);
  const warning = "warning: dist/server/entry-server.js is older than src/App.jsx (changed since the last build): the zip holds the old build; run the project's build (`npm run build`) before zap deploy";
  const first = await runZapInProcess(['package', 'dev'], { cwd: project.dir });
  expect([first.code, first.stdout]).toEqual([0, expect.stringContaining(warning)]);
  // Said again on the next run, whether the zip is reused (the usual case) or built again.
  const again = await runZapInProcess(['package', 'dev'], { cwd: project.dir });
  expect(again.stdout).toContain(warning);
  utimesSync(join(project.dir, 'dist/server/entry-server.js'), built + 120, built + 120);
  expect((await runZapInProcess(['package', 'dev'], { cwd: project.dir })).stdout).not.toContain('is older than');
});
