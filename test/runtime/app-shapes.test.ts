/**
 * Each way an author writes an Express entry, packaged as written and served by the built artifact
 * in a fresh Node process: exported, guarded or unguarded listen(), listen() after an async boot,
 * a promise, an async factory, top-level await, a plain http.Server. listen() binds no port.
 */
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildArtifact, type Artifact } from '../helpers/artifact';
import { ArtifactProcess } from '../helpers/artifact-process';
import { functionUrlEvent } from '../helpers/artifact-client';
import { makeProject, type Project } from '../helpers/artifact-project';

// Each shape packages its own project and serves it from its own process: the shapes run side by
// side (jest's maxConcurrency, 5), each mostly waiting on its bundler and its process. The last test
// times an answer, so it runs alone.
const projects: Project[] = [];
const artifacts: Artifact[] = [];
const open: ArtifactProcess[] = [];

afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
  artifacts.forEach((a) => a.cleanup());
  projects.forEach((p) => p.cleanup());
});

/** A port nobody holds now: bound to 0 by the test, then released. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** True when this process can bind the port: nothing (the app included) is listening on it. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, () => s.close(() => resolve(true)));
  });
}

async function serve(files: Record<string, string>, app: string, env: Record<string, string> = {}, verify = true) {
  const project = makeProject(files, { app });
  projects.push(project);
  const artifact = await buildArtifact(project.dir, 'dev', { verify });
  artifacts.push(artifact);
  const c = await new ArtifactProcess(artifact.dir, env).whenReady();
  open.push(c);
  return { c, artifact };
}

async function get(c: ArtifactProcess, path = '/', timeoutMs?: number) {
  const out = await c.invoke(functionUrlEvent('GET', path), { timeoutMs });
  if (out.error) throw new Error(`${out.error.name}: ${out.error.message}`);
  return out.result as { statusCode: number; body: string; headers?: Record<string, string> };
}

const routes = `app.get('/', (req, res) => res.json({ hello: 'world' }));\napp.get('/users/:id', (req, res) => res.json({ id: req.params.id }));`;

describe('listen() is captured, never bound', () => {
  test.concurrent("Express's own pattern: module.exports = app, listen() behind !module.parent", async () => {
    const port = await freePort();
    const { c, artifact } = await serve(
      {
        'index.js': `const express = require('express');\nconst app = module.exports = express();\n${routes}\n` +
          `if (!module.parent) {\n  app.listen(${port});\n  console.log('Express started on port ${port}');\n}\n`,
      },
      'index.js',
    );
    expect(artifact.result.app_boot).toBe('export "default" is an Express app');
    expect(await get(c)).toMatchObject({ statusCode: 200, body: '{"hello":"world"}' });
    expect(c.logs).toContain(`Express started on port ${port}`);
    expect(await portIsFree(port)).toBe(true);
  });

  test.concurrent('listen() in the only file: the listen callback runs, address() answers the port asked, the port stays free', async () => {
    const port = await freePort();
    const { c, artifact } = await serve(
      {
        'server.js': `const express = require('express');\nconst app = express();\n${routes}\n` +
          `const server = app.listen(${port}, () => console.log('listening on ' + JSON.stringify(server.address()) + ' ' + server.listening));\n`,
      },
      'server.js',
    );
    expect(artifact.result.app_boot).toBe(`listen(${port}) captured, no port bound; its request handler is an Express app`);
    expect((await get(c, '/users/42')).body).toBe('{"id":"42"}');
    expect(c.logs).toContain(`listening on {"address":"::","family":"IPv6","port":${port}} true`);
    expect(await portIsFree(port)).toBe(true);
    const unmatched = await get(c, '/nope');
    expect(unmatched.statusCode).toBe(404); // Express's own 404, through the captured server's app
  });

  test.concurrent('http.createServer(app).listen(port, host, cb), then server.close(cb) works', async () => {
    const port = await freePort();
    const { c } = await serve(
      {
        'bin/www.js': `const http = require('http');\nconst app = require('../app');\nconst server = http.createServer(app);\n` +
          `server.listen(${port}, '127.0.0.1', () => {\n  const a = server.address();\n  console.log('up ' + a.address + ':' + a.port + ' ' + a.family);\n});\n` +
          `process.on('zap-test-close', () => server.close((err) => console.log('closed ' + (err ? err.code : 'ok'))));\n`,
        'app.js': `const express = require('express');\nconst app = express();\n${routes}\nmodule.exports = app;\n`,
      },
      'bin/www.js',
    );
    expect((await get(c)).statusCode).toBe(200);
    expect(c.logs).toContain(`up 127.0.0.1:${port} IPv4`);
    expect(await portIsFree(port)).toBe(true);
  });

  test.concurrent('listen() after an async boot: createApp().then(app => app.listen(port))', async () => {
    const port = await freePort();
    const { c, artifact } = await serve(
      {
        'src/main.js': `const express = require('express');\n` +
          `async function createApp() {\n  await new Promise((r) => setTimeout(r, 300));\n  const app = express();\n  ${routes}\n  return app;\n}\n` +
          `createApp().then((app) => app.listen(${port}, () => console.log('ready')));\n`,
      },
      'src/main.js',
    );
    expect(artifact.result.app_boot).toMatch(/^listen\(\d+\) captured/);
    expect((await get(c)).body).toBe('{"hello":"world"}');
    expect(c.logs).toContain('ready');
    expect(await portIsFree(port)).toBe(true);
  });

  test.concurrent('module.exports = app.listen(port): the exported server is served through its app', async () => {
    const port = await freePort();
    const { c, artifact } = await serve(
      { 'server.js': `const express = require('express');\nconst app = express();\n${routes}\nmodule.exports = app.listen(${port});\n` },
      'server.js',
    );
    expect(artifact.result.app_boot).toBe('export "default" is an http.Server, whose request handler is an Express app');
    expect((await get(c, '/users/7')).body).toBe('{"id":"7"}');
    expect(await portIsFree(port)).toBe(true);
  });

  test.concurrent('a metrics server listening beside the app: the server whose handler is the app is served', async () => {
    const { c } = await serve(
      {
        'server.js': `const http = require('http');\nconst express = require('express');\n` +
          `http.createServer((req, res) => res.end('metrics')).listen(9464);\n` +
          `const app = express();\n${routes}\napp.listen(3000);\n`,
      },
      'server.js',
    );
    expect((await get(c)).body).toBe('{"hello":"world"}');
  });

  test.concurrent('a plain http.createServer((req, res) => …) is served through its request event', async () => {
    const { c, artifact } = await serve(
      { 'server.js': `require('http').createServer((req, res) => { res.setHeader('content-type', 'text/plain'); res.end('plain ' + req.method + ' ' + req.url); }).listen(8080);\n` },
      'server.js',
    );
    expect(artifact.result.app_boot).toBe('listen(8080) captured, no port bound; its request handler is an http.Server');
    expect(await get(c, '/x?y=1')).toMatchObject({ statusCode: 200, body: 'plain GET /x?y=1' });
  });
});

describe('production servers', () => {
  test.concurrent('cluster: the primary would fork availableParallelism() workers; on Lambda the process is worker 1, whose listen() serves', async () => {
    const { c, artifact } = await serve(
      {
        'server.js': `const cluster = require('node:cluster');\nconst os = require('node:os');\nconst http = require('node:http');\n` +
          `if (cluster.isPrimary) {\n  console.log('primary forking ' + os.availableParallelism());\n  for (let i = 0; i < os.availableParallelism(); i++) cluster.fork();\n` +
          `  cluster.on('exit', () => cluster.fork());\n} else {\n  const express = require('express');\n  const app = express();\n  ${routes}\n` +
          `  const server = http.createServer(app);\n  server.keepAliveTimeout = 65000;\n  process.on('SIGTERM', () => server.close());\n` +
          `  server.listen(process.env.PORT || 3000, () => console.log('worker ' + cluster.worker.id + ' listening'));\n}\n`,
      },
      'server.js',
    );
    expect(artifact.result.app_boot).toBe('listen(3000) captured, no port bound; its request handler is an Express app');
    expect(await get(c, '/users/3')).toMatchObject({ statusCode: 200, body: '{"id":"3"}' });
    expect(c.logs).toContain('worker 1 listening');
    expect(c.logs).not.toContain('primary forking');
  });
});

describe('async boot is awaited', () => {
  test.concurrent('module.exports = an async factory: called with no arguments, once', async () => {
    const { c, artifact } = await serve(
      {
        'src/app.js': `const express = require('express');\n` +
          `module.exports = async function createApp() {\n  globalThis.made = (globalThis.made || 0) + 1;\n  await new Promise((r) => setTimeout(r, 200));\n  const app = express();\n  app.get('/', (req, res) => res.json({ made: globalThis.made }));\n  return app;\n};\n`,
      },
      'src/app.js',
    );
    expect(artifact.result.app_boot).toBe('export "default" is a factory: called with no arguments, it returned an Express app');
    expect((await get(c)).body).toBe('{"made":1}');
    expect((await get(c)).body).toBe('{"made":1}');
  });

  test.concurrent('export default createApp(): a promise of the app (ESM source)', async () => {
    const { c, artifact } = await serve(
      {
        'src/app.mjs': `import express from 'express';\nasync function createApp() {\n  await new Promise((r) => setTimeout(r, 100));\n  const app = express();\n  ${routes}\n  return app;\n}\nexport default createApp();\n`,
      },
      'src/app.mjs',
    );
    expect(artifact.result.app_boot).toBe('export "default" is a promise of an Express app');
    expect(artifact.result.bundle.path).toBe('src/zap-app.cjs');
    expect((await get(c)).body).toBe('{"hello":"world"}');
  });

  test.concurrent('export default await createApp(): top-level await builds an ESM bundle, served without the code cache', async () => {
    const { c, artifact } = await serve(
      {
        'src/app.mjs': `import express from 'express';\nimport path from 'node:path';\nimport { fileURLToPath } from 'node:url';\nimport where from './lib/where.cjs';\n` +
          `const __dirname = path.dirname(fileURLToPath(import.meta.url));\n` +
          `const config = await new Promise((r) => setTimeout(() => r({ greeting: 'awaited' }), 100));\n` +
          `const app = express();\napp.get('/', (req, res) => res.json({ ...config, dir: path.basename(__dirname), cjs: where() }));\nexport default app;\n`,
        // CommonJS inside an ESM bundle still has its own __dirname and __filename (src/lib/where.cjs).
        'src/lib/where.cjs': `const path = require('path');\nmodule.exports = () => path.basename(__dirname) + '/' + path.basename(__filename);\n`,
      },
      'src/app.mjs',
    );
    expect(artifact.result.bundle.path).toBe('src/zap-app.mjs');
    expect(artifact.result.app_boot).toBe('top-level await (ESM bundle), then export "default" is an Express app');
    expect(artifact.result.notes.join('\n')).toMatch(/top-level await.*ESM.*without the V8 compile cache/);
    expect(existsSync(join(artifact.dir, 'zap-app.cjs'))).toBe(true);
    expect(JSON.parse((await get(c)).body)).toEqual({ greeting: 'awaited', dir: 'src', cjs: 'lib/where.cjs' });
    const warm = await c.invoke({ zap: 'keep_warm', concurrency: 1 });
    expect(warm.result).toMatchObject({ app_ready: true, compile_cache: 'off' });
  });

  test.concurrent('top-level await then listen(): captured too', async () => {
    const port = await freePort();
    const { c, artifact } = await serve(
      { 'server.mjs': `import express from 'express';\nawait new Promise((r) => setTimeout(r, 50));\nconst app = express();\n${routes}\napp.listen(${port});\n` },
      'server.mjs',
    );
    expect(artifact.result.app_boot).toMatch(/^top-level await \(ESM bundle\), then listen\(\d+\) captured/);
    expect((await get(c)).statusCode).toBe(200);
    expect(await portIsFree(port)).toBe(true);
  });
});

describe('a failed async boot answers 502, and the next request starts over', () => {
  test.concurrent('a factory that rejects once: 502 with the cause logged, then 200 from a fresh load', async () => {
    const { c } = await serve(
      {
        'src/app.js': `const express = require('express');\nglobalThis.loads = (globalThis.loads || 0) + 1;\n` +
          `module.exports = async () => {\n  if (globalThis.loads === 1) throw new Error('database not reachable yet');\n  const app = express();\n  app.get('/', (req, res) => res.json({ loads: globalThis.loads }));\n  return app;\n};\n`,
      },
      'src/app.js',
    );
    const first = await get(c);
    expect(first.statusCode).toBe(502);
    expect(c.stderr).toMatch(/the app failed to boot \(on a request, answering 502\).*database not reachable yet/);
    const second = await get(c);
    expect(second.statusCode).toBe(200);
    expect(second.body).toBe('{"loads":2}'); // the module ran again: a promise or factory is not kept
  });

  test.concurrent('a promise export that rejects once (ESM): the bundle is loaded again, not the rejected promise reused', async () => {
    const { c } = await serve(
      {
        'src/app.mjs': `import express from 'express';\nglobalThis.loads = (globalThis.loads || 0) + 1;\n` +
          `export default (async () => {\n  if (globalThis.loads === 1) throw new Error('secret not resolved');\n  const app = express();\n  app.get('/', (req, res) => res.send('ok ' + globalThis.loads));\n  return app;\n})();\n`,
      },
      'src/app.mjs',
    );
    expect((await get(c)).statusCode).toBe(502);
    expect(await get(c)).toMatchObject({ statusCode: 200, body: 'ok 2' });
  });

  test.concurrent('keep-warm priming awaits an async app: the warm answer says ready, and the request after it boots nothing', async () => {
    const { c } = await serve(
      {
        'src/app.js': `const express = require('express');\n` +
          `module.exports = async () => {\n  globalThis.boots = (globalThis.boots || 0) + 1;\n  await new Promise((r) => setTimeout(r, 400));\n  const app = express();\n  app.get('/', (req, res) => res.json({ boots: globalThis.boots }));\n  return app;\n};\n`,
      },
      'src/app.js',
    );
    const warm = await c.invoke({ zap: 'keep_warm', concurrency: 1 });
    expect(warm.result).toMatchObject({ zap: 'keep_warm', app_ready: true });
    expect((await get(c)).body).toBe('{"boots":1}');
  });
});

describe('a module that serves no app', () => {
  test.concurrent('an app that connects to its database before listen(), unreachable from the function: the 502 names the address it tried', async () => {
    const port = await freePort();
    const app = `const express = require('express');\nconst app = express();\nrequire('net').connect(${port}, '127.0.0.1').once('connect', () => app.listen(3000)).once('error', (e) => console.error('db:', e.code));\n`;
    const { c } = await serve({ 'src/app.js': app }, 'src/app.js', {}, false);
    const out = await get(c, '/', 2500);
    expect(out.statusCode).toBe(502);
    expect(c.stderr).toContain(`while booting it tried to reach 127.0.0.1:${port} (ECONNREFUSED) and never did (on Lambda: "vpc_config" and the address in "environment_variables"); src/app.js exports nothing and called no listen()`);
  }, 30_000);

  test('the request answers 502 within the time the invocation has, naming what was found', async () => {
    // A pending timer keeps it from being known idle: the wait is bounded by the invocation's time left.
    const { c } = await serve({ 'src/app.js': `module.exports = { port: 3000 };\nsetInterval(() => {}, 1000);\n` }, 'src/app.js', {}, false);
    const started = Date.now();
    const out = await get(c, '/', 2500);
    expect(out.statusCode).toBe(502);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(c.stderr).toMatch(/src\/app\.js: its export "default" is an object \(keys: port\) and called no listen\(\) within 1\.[0-5] s; its exports: port\./);
  }, 30_000);
});
