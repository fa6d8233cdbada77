/**
 * Files an unchanged Express app reads at run time ship by themselves, at the paths it expects:
 * each fixture app is packaged, unzipped into a folder of its own (not the project's) and served by
 * a fresh Node 24 process, as Lambda would.
 */
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { buildArtifact, SAMPLE_APP, type Artifact } from '../helpers/artifact';
import { makeProject, type Project } from '../helpers/artifact-project';
import { ArtifactProcess } from '../helpers/artifact-process';
import { functionUrlClient } from '../helpers/artifact-client';
import { runZapInProcess } from '../helpers/cli-in-process';
import { loadStage } from '../../src/settings';
import { packageApp, formatLine } from '../../src/package';
import type { SampleClient } from '../behaviour/sample-app';

const FIXTURES = join(__dirname, 'fixtures');

function filesOf(dir: string, rel = ''): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const name of readdirSync(join(dir, rel))) {
    if (name === '.zap' || name === 'node_modules') continue;
    const path = rel ? `${rel}/${name}` : name;
    if (statSync(join(dir, path)).isDirectory()) Object.assign(out, filesOf(dir, path));
    else out[path] = readFileSync(join(dir, path));
  }
  return out;
}

function fixture(name: string, zap?: Record<string, unknown>): Project {
  return makeProject({ ...filesOf(join(FIXTURES, name)), ...(zap ? { 'zap.json': JSON.stringify(zap) } : {}) });
}

/** Packaged, unzipped and served: the figures a user sees and a client for the function. */
async function serve(label: string, project: Project, env: Record<string, string> = {}) {
  const artifact = await buildArtifact(project.dir, 'dev');
  const r = artifact.result;
  console.log(`${label}: zip ${(r.bytes / 1024).toFixed(1)} kB, bundle ${(r.bundle.bytes / 1024).toFixed(1)} kB\n  ${r.run_time_files.map(formatLine).join('\n  ')}`);
  const container = await new ArtifactProcess(artifact.dir, env).whenReady();
  return { artifact, container, client: functionUrlClient(container) };
}

/** A fixture packaged and served for a whole describe block, stopped after it. */
function useServedFixture(name: string): () => { project: Project; artifact: Artifact; container: ArtifactProcess; client: SampleClient } {
  let project: Project | undefined;
  let served: Awaited<ReturnType<typeof serve>> | undefined;
  beforeAll(async () => {
    project = fixture(name);
    served = await serve(name, project);
  });
  afterAll(async () => {
    await served?.container.close();
    served?.artifact.cleanup();
    project?.cleanup();
  });
  return () => ({ project: project!, ...served! });
}

async function get(client: SampleClient, path: string) {
  const r = await client.request('GET', path);
  return { ...r, text: r.body.toString('utf8') };
}

describe('an Express examples/mvc-style app (CommonJS, controllers loaded by computed path)', () => {
  const servedFixture = useServedFixture('mvc');

  test('views, the static folder, the download and the controllers ship at their project paths, each line saying why', () => {
    const { files, run_time_files: lines } = servedFixture().artifact.result;
    expect(files).toEqual(expect.arrayContaining(['src/views/index.ejs', 'src/views/partials/header.ejs', 'public/style.css', 'files/report.csv', 'controllers/user/index.js', 'controllers/pet/index.js', 'lib/helpers/format.js']));
    expect(files).not.toContain('src/db.js'); // bundled
    const text = lines.map(formatLine);
    expect(text).toEqual(expect.arrayContaining([
      'src/views/ (2 files): traced from src/app.js (app.set views)',
      'public/style.css: traced from src/app.js (express.static)',
      'files/report.csv: traced from src/app.js (res.download)',
      'controllers/ (2 files): computed require in lib/boot.js',
    ]));
    expect(servedFixture().artifact.result.warnings.filter((w) => /computed/.test(w))).toEqual([]);
  });

  test('the ejs view renders with its partial', async () => {
    const r = await get(servedFixture().client, '/');
    expect(r.status).toBe(200);
    expect(r.text).toContain('<h1 class="title">Users</h1>');
    expect(r.text).toContain('<li>loki</li>');
  });

  test('the static file and the download answer', async () => {
    const css = await get(servedFixture().client, '/style.css');
    expect(css.status).toBe(200);
    expect(css.text).toBe('body { color: #333; }\n');
    const csv = await get(servedFixture().client, '/report');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="?report\.csv"?$/);
    expect(csv.text).toBe('name,pets\ntobi,2\nloki,1\n');
  });

  test('controllers found by readdirSync load, with the relative computed require beside them, and share the app db module', async () => {
    const users = await get(servedFixture().client, '/user');
    expect(users.status).toBe(200);
    expect(JSON.parse(users.text)).toEqual({ title: 'Users', items: ['tobi', 'loki'] });
    expect(JSON.parse((await get(servedFixture().client, '/pet')).text).items).toEqual(["tobi's pet", "loki's pet"]);
    const appDb = JSON.parse((await get(servedFixture().client, '/db')).text).id;
    expect(JSON.parse((await get(servedFixture().client, '/user/db')).text).id).toBe(appDb);
    expect(JSON.parse((await get(servedFixture().client, '/pet/db')).text).id).toBe(appDb);
  });

  test('__dirname and __filename in a nested file mean its own place in the artifact', async () => {
    expect(JSON.parse((await get(servedFixture().client, '/whoami')).text)).toEqual({ file: 'lib/boot.js' });
  });

  test('`zap package` lists the run-time files in its text output and under --json', async () => {
    const text = await runZapInProcess(['package', 'dev', '--no-verify'], { cwd: servedFixture().project.dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('  run-time files:\n');
    expect(text.stdout).toContain('\n    src/views/ (2 files): traced from src/app.js (app.set views)\n');
    expect(text.stdout).toContain('\n    controllers/ (2 files): computed require in lib/boot.js\n');
    const json = await runZapInProcess(['package', 'dev', '--no-verify', '--json'], { cwd: servedFixture().project.dir });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).run_time_files).toEqual(expect.arrayContaining([
      { path: 'controllers/', files: 2, reason: 'computed require in lib/boot.js' },
      { path: 'files/report.csv', files: 1, reason: 'traced from src/app.js (res.download)' },
    ]));
  });

  test('no controller was loaded from its shipped file: they come from the bundle', async () => {
    const loaded = await servedFixture().container.loadedModules();
    expect(loaded.filter((m) => m.includes(`${servedFixture().artifact.dir}/controllers`))).toEqual([]);
  });
});

describe('an ESM TypeScript app (import.meta.url data, cwd-relative static folder, plugins by computed import())', () => {
  const servedFixture = useServedFixture('esm-ts');

  test('the JSON data read through import.meta.url loads', async () => {
    expect(servedFixture().artifact.result.run_time_files.map(formatLine)).toContain('data/catalog.json: traced from src/app.ts (import.meta.url)');
    const r = await get(servedFixture().client, '/catalog');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text)).toEqual({ items: ['apple', 'pear'] });
    const imported = await get(servedFixture().client, '/data/catalog');
    expect(imported.status).toBe(200);
    expect(JSON.parse(imported.text)).toEqual({ items: ['apple', 'pear'] });
  });

  test('the package.json the app reads for its version is its own, still marked CommonJS in the artifact', async () => {
    expect(JSON.parse((await get(servedFixture().client, '/version')).text)).toBe('2.3.4');
    expect(JSON.parse(readFileSync(join(servedFixture().artifact.dir, 'package.json'), 'utf8'))).toMatchObject({ name: 'esm-ts-app', version: '2.3.4', type: 'commonjs' });
  });

  test("express.static('assets') is served from the artifact root, Lambda's working directory", async () => {
    expect(servedFixture().artifact.result.files).toEqual(expect.arrayContaining(['assets/client.js', 'assets/site.css']));
    const r = await get(servedFixture().client, '/assets/site.css');
    expect(r.status).toBe(200);
    expect(r.text).toBe('h1 { color: red; }\n');
  });

  test('plugins listed by readdirSync and loaded by import() come from the bundle and share its modules', async () => {
    expect(JSON.parse((await get(servedFixture().client, '/plugins')).text)).toEqual(['bye.ts', 'hello.ts']);
    const hello = JSON.parse((await get(servedFixture().client, '/plugins/hello')).text);
    expect(hello).toEqual({ out: 'hello from plugins/hello.ts', hits: 11 });
    expect(JSON.parse((await get(servedFixture().client, '/hits')).text)).toEqual({ hits: 11 });
    expect(JSON.parse((await get(servedFixture().client, '/plugins/bye')).text)).toEqual({ out: 'bye', hits: 12 });
  });
});

test('TypeScript with tsconfig paths: a module imported through an alias finds its file through import.meta.dirname; the own package.json read on request ships', async () => {
  const project = makeProject({
    'package.json': JSON.stringify({ name: 'paths-app', private: true, type: 'module', dependencies: { express: '^5.1.0' } }),
    'zap.json': JSON.stringify({ dev: { app: 'src/app.ts#app' } }),
    'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@lib/*': ['src/lib/*'] } } }),
    'src/app.ts': `import express from 'express';\nimport appInfo from 'app-info';\nimport { greeting } from '@lib/greet';\nexport const app = express();\napp.get('/', (_q, s) => { s.type('text').send(greeting); });\napp.get('/about', (_q, s) => { s.json(appInfo().name ?? null); });\n`,
    // A package that reads the app's package.json only when asked, by a path built at run time (express-oas-generator's way).
    'node_modules/app-info/package.json': JSON.stringify({ name: 'app-info', version: '1.0.0', main: 'index.js' }),
    'node_modules/app-info/index.js': "const fs = require('fs');\nconst file = `${process.cwd()}/package.json`;\nmodule.exports = () => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {});\n",
    'src/lib/greet.ts': `import { readFileSync } from 'node:fs';\nimport path from 'node:path';\nexport const greeting: string = readFileSync(path.join(import.meta.dirname, 'greeting.txt'), 'utf8');\n`,
    'src/lib/greeting.txt': 'hello through an alias',
  }, {}, ['express']);
  try {
    const served = await serve('ts-paths', project);
    try {
      expect(served.artifact.result.run_time_files.map(formatLine)).toEqual(['src/lib/greeting.txt: traced from src/lib/greet.ts (import.meta.url)']);
      expect(served.artifact.result.warnings).toEqual([]);
      expect((await get(served.client, '/')).text).toBe('hello through an alias');
      // The project's own package.json ships even when no analysis sees it read, still marked CommonJS for zap's files.
      expect(JSON.parse((await get(served.client, '/about')).text)).toBe('paths-app');
      expect(JSON.parse(readFileSync(join(served.artifact.dir, 'package.json'), 'utf8'))).toMatchObject({ name: 'paths-app', type: 'commonjs' });
    } finally {
      await served.container.close();
      served.artifact.cleanup();
    }
  } finally {
    project.cleanup();
  }
});

test('modules found by a path no analysis can follow: the package says so, the boot check finds and bundles them, and with "include" they are bundled too, sharing the app modules', async () => {
  const files = {
    'src/app.js': [
      `const express = require('express');`,
      `const fs = require('fs');`,
      `const path = require('path');`,
      `const db = require('./db');`,
      `const app = module.exports = express();`,
      `const dir = process.env.ROUTES_DIR || 'routes';`,
      `for (const name of fs.readdirSync(dir).sort()) require(path.resolve(dir, name))(app);`,
      `app.get('/db', (req, res) => res.json({ id: db.id }));`,
    ].join('\n'),
    'src/db.js': `exports.id = Math.random().toString(36).slice(2);\n`,
    'routes/a.js': `const db = require('../src/db');\nmodule.exports = (app) => app.get('/a', (req, res) => res.json({ id: db.id }));\n`,
  };
  const without = makeProject(files);
  const withInclude = makeProject(files, { include: ['routes/**'] });
  try {
    const settings = await loadStage(without.dir, 'dev');
    const unchecked = await packageApp(without.dir, settings, { out: join(without.dir, 'out.zip'), verify: false });
    expect(unchecked.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/^src\/app\.js:7 loads a module by a computed name zap could not follow: .* list it in "include"/)]));
    // Checked, the boot loads routes/a.js outside the bundle and fails: zap packages again with it bundled.
    const checked = await serve('routes by cwd path, found at boot', without);
    try {
      expect(checked.artifact.result.run_time_files.map(formatLine)).toEqual(['routes/a.js: bundled: loaded at boot by a path zap could not follow']);
      const db = JSON.parse((await get(checked.client, '/db')).text).id;
      expect(JSON.parse((await get(checked.client, '/a')).text).id).toBe(db);
    } finally {
      await checked.container.close();
      checked.artifact.cleanup();
    }
    const served = await serve('routes by cwd path, included', withInclude);
    try {
      expect(served.artifact.result.run_time_files.map(formatLine)).toEqual(['routes/a.js: include (bundled: the app loads modules by computed path)']);
      expect(served.artifact.result.warnings).toEqual([]);
      const db = JSON.parse((await get(served.client, '/db')).text).id;
      expect(JSON.parse((await get(served.client, '/a')).text).id).toBe(db);
    } finally {
      await served.container.close();
      served.artifact.cleanup();
    }
  } finally {
    without.cleanup();
    withInclude.cleanup();
  }
});

test('a package that loads the app\'s route modules by path (as require-all does) gets the bundled ones, sharing the app modules', async () => {
  const project = makeProject(
    {
      'node_modules/load-all/package.json': JSON.stringify({ name: 'load-all', version: '1.0.0', main: 'index.js' }),
      'node_modules/load-all/index.js': `const fs = require('fs');\nconst path = require('path');\nmodule.exports = (dir) => fs.readdirSync(dir).sort().map((f) => require(path.join(dir, f)));\n`,
      'src/app.js': [
        `const express = require('express');`,
        `const path = require('path');`,
        `const loadAll = require('load-all');`,
        `const db = require('./db');`,
        `const app = module.exports = express();`,
        `for (const route of loadAll(path.join(__dirname, '..', 'routes'))) route(app);`,
        `app.get('/db', (req, res) => res.json({ id: db.id }));`,
      ].join('\n'),
      'src/db.js': `exports.id = Math.random().toString(36).slice(2);\n`,
      'routes/a.js': `const db = require('../src/db');\nmodule.exports = (app) => app.get('/a', (req, res) => res.json({ id: db.id }));\n`,
    },
    {},
    ['express'],
  );
  try {
    const served = await serve('a package loads routes', project);
    try {
      expect(served.artifact.result.run_time_files.map(formatLine)).toEqual(['routes/a.js: traced from src/app.js (__dirname); bundled: a package loads modules by path']);
      const db = JSON.parse((await get(served.client, '/db')).text).id;
      expect(JSON.parse((await get(served.client, '/a')).text).id).toBe(db);
    } finally {
      await served.container.close();
      served.artifact.cleanup();
    }
  } finally {
    project.cleanup();
  }
});

test("a static server that walks its folder once at start (sirv, in Vite's SSR template) serves every file of it, though tracing found one", async () => {
  // sirv's shape: the folder is walked with readdirSync/statSync when the middleware is made, and
  // only what the walk saw is served; the template also reads dist/client/index.html at boot.
  const walker = [
    `const fs = require('fs');`,
    `const path = require('path');`,
    `function walk(dir, pre, out) {`,
    `  for (const name of fs.readdirSync(dir)) {`,
    `    const abs = path.join(dir, name);`,
    `    if (fs.statSync(abs).isDirectory()) walk(abs, pre + name + '/', out); else out.set('/' + pre + name, abs);`,
    `  }`,
    `  return out;`,
    `}`,
    `module.exports = (dir) => {`,
    `  const files = walk(path.resolve(dir), '', new Map());`,
    `  return (req, res, next) => (files.has(req.path) ? res.sendFile(files.get(req.path)) : next());`,
    `};`,
  ].join('\n');
  const project = makeProject(
    {
      'node_modules/walk-static/package.json': JSON.stringify({ name: 'walk-static', version: '1.0.0', main: 'index.js' }),
      'node_modules/walk-static/index.js': walker,
      'server.js': [
        `const fs = require('fs');`,
        `const express = require('express');`,
        `const serve = require('walk-static');`,
        `const template = fs.readFileSync('./dist/client/index.html', 'utf-8');`,
        `const app = express();`,
        `app.use('/', serve('./dist/client'));`,
        `app.use((req, res) => res.type('html').send(template));`,
        `app.listen(process.env.PORT || 5173);`,
      ].join('\n'),
      'dist/client/index.html': '<!doctype html><div id="root"></div>',
      'dist/client/favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
      'dist/client/assets/index-Be_jbhY7.js': 'console.log("client")',
      'dist/client/assets/index-DykytF2W.css': 'body{margin:0}',
    },
    { app: 'server.js' },
    ['express'],
  );
  try {
    const served = await serve('a folder walked at boot', project);
    try {
      expect(served.artifact.result.files).toEqual(expect.arrayContaining(['dist/client/assets/index-Be_jbhY7.js', 'dist/client/assets/index-DykytF2W.css', 'dist/client/favicon.svg']));
      const js = await get(served.client, '/assets/index-Be_jbhY7.js');
      expect([js.status, js.headers['content-type'], js.text]).toEqual([200, 'text/javascript; charset=utf-8', 'console.log("client")']);
      const css = await get(served.client, '/assets/index-DykytF2W.css');
      expect([css.status, css.text]).toEqual([200, 'body{margin:0}']);
      expect((await get(served.client, '/favicon.svg')).headers['content-type']).toBe('image/svg+xml');
      expect((await get(served.client, '/about')).text).toBe('<!doctype html><div id="root"></div>');
    } finally {
      await served.container.close();
      served.artifact.cleanup();
    }
  } finally {
    project.cleanup();
  }
});

test('JSX in .js files, as a project started through @babel/register writes it: bundled with React\'s automatic runtime, its __dirname paths traced, and the hook left out', async () => {
  // A stand-in for react/jsx-runtime that renders elements to HTML, so the answer shows the JSX ran.
  const runtime = [
    `const render = (t, p) => typeof t === 'function' ? t(p) : '<' + t + '>' + [].concat(p.children ?? []).join('') + '</' + t + '>';`,
    `exports.jsx = exports.jsxs = render;`,
  ].join('\n');
  const project = makeProject(
    {
      'node_modules/react/package.json': JSON.stringify({ name: 'react', version: '19.0.0', main: 'index.js' }),
      'node_modules/react/index.js': 'exports.version = "19.0.0";\n',
      'node_modules/react/jsx-runtime.js': runtime,
      // The real hook would compile files as Node loads them; bundled it has nothing to compile, and this one fails if it runs.
      'node_modules/@babel/register/package.json': JSON.stringify({ name: '@babel/register', version: '7.25.0', main: 'index.js' }),
      'node_modules/@babel/register/index.js': `throw new Error('@babel/register ran inside the bundle');\n`,
      'index.js': `require('@babel/register')({ presets: ['@babel/preset-env', '@babel/preset-react'] });\n\nrequire('./src/server');\n`,
      'src/components/App.js': `export default function App({ name }) {\n  return <div><h1>Hello, {name}!</h1></div>;\n}\n`,
      'src/server.js': [
        `import path from 'path';`,
        `import express from 'express';`,
        `import App from './components/App';`,
        `const app = express();`,
        `app.use(express.static(path.resolve(__dirname, '..', 'public')));`,
        `app.get('/', (req, res) => res.send('<!DOCTYPE html>' + <App name="World" />));`,
        `app.listen(process.env.PORT || 3000);`,
      ].join('\n'),
      'public/style.css': 'body { margin: 0; }',
    },
    { app: 'index.js' },
    ['express'],
  );
  try {
    const served = await serve('JSX in .js', project);
    try {
      expect(served.artifact.result.run_time_files.map(formatLine)).toEqual(['public/style.css: traced from src/server.js (express.static)']);
      expect((await get(served.client, '/')).text).toBe('<!DOCTYPE html><div><h1>Hello, World!</h1></div>');
      expect(served.artifact.result.notes).toContain("require('@babel/register') compiles sources as Node loads them; the bundle holds them compiled already, so it does nothing there (modules the app loads from files zap does not bundle are not compiled)");
      expect((await get(served.client, '/style.css')).text).toBe('body { margin: 0; }');
    } finally {
      await served.container.close();
      served.artifact.cleanup();
    }
  } finally {
    project.cleanup();
  }
});

test("a template folder named by a bare string to a loader zap does not know (Twing's loader.addPath('templates')) ships, and the page renders", async () => {
  // Twing's shape: the folder is only remembered at boot and read when a request renders.
  const twing = [
    `const path = require('path');`,
    `exports.createFilesystemLoader = (fs) => { const dirs = []; return { fs, dirs, addPath: (d) => dirs.push(d) }; };`,
    `exports.createEnvironment = (loader) => ({`,
    `  render: async (name, ctx) => loader.fs.readFileSync(path.resolve(loader.dirs[0], name), 'utf8').replace('{{ name }}', ctx.name),`,
    `});`,
  ].join('\n');
  const project = makeProject(
    {
      'node_modules/fake-twing/package.json': JSON.stringify({ name: 'fake-twing', version: '1.0.0', main: 'index.js' }),
      'node_modules/fake-twing/index.js': twing,
      'index.js': [
        `const express = require('express');`,
        `const fs = require('fs');`,
        `const { createEnvironment, createFilesystemLoader } = require('fake-twing');`,
        `const loader = createFilesystemLoader(fs);`,
        `loader.addPath('templates');`,
        `const environment = createEnvironment(loader);`,
        `const app = express();`,
        `app.get('/', (req, res, next) => environment.render('index.twig', { name: 'Twing' }).then((out) => res.send(out)).catch(next));`,
        `app.listen(process.env.PORT || 3000);`,
      ].join('\n'),
      'templates/index.twig': '<h1>Hello {{ name }}</h1>',
      'templates/helpers.js': 'module.exports = {};',
    },
    { app: 'index.js' },
    ['express'],
  );
  try {
    const served = await serve('a folder named by a string', project);
    try {
      expect(served.artifact.result.run_time_files.map(formatLine)).toEqual(["templates/index.twig: folder 'templates' named in the code (relative to the working directory)"]);
      const r = await get(served.client, '/');
      expect([r.status, r.text]).toEqual([200, '<h1>Hello Twing</h1>']);
    } finally {
      await served.container.close();
      served.artifact.cleanup();
    }
  } finally {
    project.cleanup();
  }
});

test("a devDependency import()ed on the development path (Vite's SSR template) is left out with a note; one the boot does load still ships", async () => {
  const pkg = (name: string) => JSON.stringify({ name, version: '1.0.0', main: 'index.js' });
  const project = makeProject(
    {
      'package.json': JSON.stringify({ name: 'ssr-app', private: true, type: 'module', dependencies: { express: '^5.0.0' }, devDependencies: { 'dev-server': '^1.0.0', 'late-logger': '^1.0.0' } }),
      'node_modules/dev-server/package.json': pkg('dev-server'),
      'node_modules/dev-server/index.js': `exports.createServer = () => ({ middlewares: (req, res) => res.end('dev') });\n`,
      'node_modules/late-logger/package.json': pkg('late-logger'),
      'node_modules/late-logger/index.js': `module.exports = () => 'logged';\n`,
      'server.js': [
        `import express from 'express';`,
        `const isProduction = process.env.NODE_ENV === 'production';`,
        `const app = express();`,
        `if (!isProduction) {`,
        `  const { createServer } = await import('dev-server');`,
        `  app.use(createServer().middlewares);`,
        `}`,
        `const log = (await import('late-logger')).default;`,
        `app.get('/', (req, res) => res.json({ log: log() }));`,
        `app.listen(process.env.PORT || 5173);`,
      ].join('\n'),
    },
    { app: 'server.js', environment_variables: { NODE_ENV: 'production' } },
    ['express'],
  );
  try {
    const served = await serve('dev imports', project, { NODE_ENV: 'production' });
    try {
      const r = served.artifact.result;
      expect(r.notes).toContain('"dev-server" (a devDependency) is loaded with import() by server.js and left out, as a production install leaves it out; if the app loads it on Lambda, move it to "dependencies"');
      expect(r.files.filter((f) => f.startsWith('node_modules/'))).toEqual(['node_modules/late-logger/index.js', 'node_modules/late-logger/package.json']);
      expect(JSON.parse((await get(served.client, '/')).text)).toEqual({ log: 'logged' });
    } finally {
      await served.container.close();
      served.artifact.cleanup();
    }
  } finally {
    project.cleanup();
  }
});

describe('the boot check sees what the app opens while it boots', () => {
  const zap = (extra: Record<string, unknown> = {}) => ({ dev: { app: 'src/app.js', environment_variables: { APP_CONFIG: 'config/app.json' }, ...extra } });

  test('a file only the boot reveals ships ("the app reads it at boot") and the app serves it', async () => {
    const project = fixture('boot-reads', zap());
    try {
      const served = await serve('boot-reads', project, { APP_CONFIG: 'config/app.json' });
      try {
        expect(served.artifact.result.run_time_files.map(formatLine)).toEqual(['config/app.json: shipped: the app reads it at boot']);
        const r = await get(served.client, '/config');
        expect(JSON.parse(r.text)).toEqual({ name: 'boot-reads', greeting: 'hi', mode: 'none' });
      } finally {
        await served.container.close();
        served.artifact.cleanup();
      }
    } finally {
      project.cleanup();
    }
  });

  test('a file the app only looks for (as dotenv does) ships when present, and when excluded the package says the app booted without it', async () => {
    const present = fixture('boot-reads', zap());
    const excluded = fixture('boot-reads', zap({ exclude: ['.env'] }));
    try {
      for (const p of [present, excluded]) writeFileSync(join(p.dir, '.env'), 'MODE=local\n');
      const shipped = await buildArtifact(present.dir, 'dev');
      shipped.cleanup();
      expect(shipped.result.files).toContain('.env');
      const left = await buildArtifact(excluded.dir, 'dev');
      left.cleanup();
      expect(left.result.files).not.toContain('.env');
      expect(left.result.warnings).toContain(`the app looked for .env at boot and booted without it: it is left out by "exclude" in zap.json (stage 'dev')`);
    } finally {
      present.cleanup();
      excluded.cleanup();
    }
  });

  test('a file the boot needs that "exclude" leaves out fails zap package, naming the file and the setting', async () => {
    const project = fixture('boot-reads', zap({ exclude: ['config/**'] }));
    try {
      const err = await packageApp(project.dir, await loadStage(project.dir, 'dev'), { out: join(project.dir, 'out.zip') }).catch((e: unknown) => e);
      expect(err).toMatchObject({ name: 'UserError', exitCode: 2 });
      expect((err as Error).message).toMatch(/config\/app\.json is left out by "exclude" in zap\.json \(stage 'dev'\)/);
    } finally {
      project.cleanup();
    }
  });

  test('a file outside the project fails `zap package` with exit 2 and one line naming it, and no zip is written', async () => {
    const project = fixture('boot-reads');
    const outside = join(dirname(project.dir), `${basename(project.dir)}-shared.json`);
    writeFileSync(outside, '{ "shared": true }');
    writeFileSync(join(project.dir, 'zap.json'), JSON.stringify(zap({ environment_variables: { APP_CONFIG: `../${basename(outside)}` } })));
    try {
      const r = await runZapInProcess(['package', 'dev'], { cwd: project.dir });
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`${outside} is outside the project`);
      expect(r.stderr).toContain('move it into the project');
      expect(() => statSync(join(project.dir, '.zap', 'dev', 'fixture-app-dev.zip'))).toThrow();
    } finally {
      rmSync(outside, { force: true });
      project.cleanup();
    }
  });
});

describe('the sample app', () => {
  test('works with its include removed: views and the static folder are traced', async () => {
    const files = filesOf(SAMPLE_APP);
    for (const name of Object.keys(files)) if (name.startsWith('.zap/') || name.startsWith('node_modules/')) delete files[name];
    const settings = JSON.parse(files['zap.json']!.toString('utf8'));
    delete settings.dev.include;
    const project = makeProject({ ...files, 'zap.json': JSON.stringify(settings) });
    try {
      const served = await serve('sample-app without include', project);
      try {
        expect(served.artifact.result.files).toEqual(expect.arrayContaining(['src/views/about.html', 'src/public/hello.txt']));
        const about = await get(served.client, '/about');
        expect(about.status).toBe(200);
        expect(about.text).toContain('About zap-sample-app');
        const hello = await get(served.client, '/static/hello.txt');
        expect(hello.status).toBe(200);
      } finally {
        await served.container.close();
        served.artifact.cleanup();
      }
    } finally {
      project.cleanup();
    }
  });
});
