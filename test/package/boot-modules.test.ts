/**
 * Modules a package loads by a glob at boot (@graphql-tools/load-files' `loadFilesSync`, TypeORM's
 * `entities: [__dirname + '/entity/*.js']`, require-all): no analysis follows the path, so they first
 * ship as plain files, where the packages they require are absent and the boot fails. zap then bundles
 * them, as the app's authors wrote it, with no `include` to add. So are the operation handlers an
 * OpenAPI document names for express-openapi-validator, which it requires on the first request.
 */
import { buildArtifact, type Artifact } from '../helpers/artifact';
import { makeProject, type Project } from '../helpers/artifact-project';
import { ArtifactProcess } from '../helpers/artifact-process';
import { functionUrlClient } from '../helpers/artifact-client';
import { formatLine } from '../../src/package';

// load-files' mechanism, in brief: expand a glob handed in at run time ("<dir>/**/*.resolvers.*") and require() each file.
const LOAD_FILES = `const fs = require('fs');
const path = require('path');
const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]);
exports.loadFilesSync = (pattern) => {
  const [base, tail] = pattern.split('/**/');
  const name = new RegExp('^' + tail.split('.').map((p) => (p === '*' ? '[^.]+' : p)).join('\\\\.') + '$');
  return walk(base).filter((f) => name.test(path.basename(f))).sort().map((f) => require(f));
};
`;

// express-openapi-validator's mechanism, in brief: read apiSpec (relative to the working directory) at
// boot; on the first request, require(path.join(operationHandlers, <x-eov-operation-handler>))[operationId].
const OPENAPI_VALIDATOR = `const fs = require('fs');
const path = require('path');
const express = require('express');
exports.middleware = ({ apiSpec, operationHandlers }) => {
  const spec = fs.promises.readFile(apiSpec, 'utf8');
  let router;
  return (req, res, next) => spec.then((text) => {
    if (!router) {
      router = express.Router();
      const ops = text.matchAll(/^  (\\/\\S+):\\n    (\\w+):\\n      operationId: (\\w+)\\n      x-eov-operation-handler: (\\S+)/gm);
      for (const [, route, method, id, base] of ops) router[method](route, require(path.join(operationHandlers, base))[id]);
    }
    router(req, res, next);
  }, next);
};
`;

let project: Project;
let artifact: Artifact | undefined;
let container: ArtifactProcess | undefined;
beforeAll(async () => {
  project = makeProject(
    {
      'package.json': JSON.stringify({ name: 'gql-app', private: true, scripts: { start: 'node index.js' }, dependencies: { express: '^5.1.0', '@graphql-tools/load-files': '^7.0.0', 'express-openapi-validator': '^5.6.0' } }),
      'node_modules/express-openapi-validator/index.js': OPENAPI_VALIDATOR,
      'node_modules/express-openapi-validator/package.json': JSON.stringify({ name: 'express-openapi-validator', version: '5.6.2', main: 'index.js' }),
      'openapi.yaml': 'openapi: 3.0.3\ninfo:\n  title: Pets\n  version: 1.0.0\npaths:\n  /pets:\n    get:\n      operationId: list\n      x-eov-operation-handler: routes/pets\n',
      'routes/pets.js': "const store = require('../data/store');\nexports.list = (req, res) => res.json(store.books);\n",
      'node_modules/@graphql-tools/load-files/index.js': LOAD_FILES,
      'node_modules/@graphql-tools/load-files/package.json': JSON.stringify({ name: '@graphql-tools/load-files', version: '7.0.1', main: 'index.js' }),
      'index.js': [
        "const path = require('path');",
        "const express = require('express');",
        "const { loadFilesSync } = require('@graphql-tools/load-files');",
        "const store = require('./data/store');",
        "store.books.push({ title: 'The Awakening' });",
        "const app = express();",
        "app.use(require('express-openapi-validator').middleware({ apiSpec: './openapi.yaml', operationHandlers: path.join(__dirname) }));",
        "const resolvers = loadFilesSync(path.join(__dirname, './graphql/resolvers/**/*.resolvers.*'));",
        "app.get('/books', (req, res) => res.json(resolvers.map((r) => r.Query.books ? r.Query.books() : r.Query.users())));",
        'app.listen(process.env.PORT || 4000);',
      ].join('\n'),
      'data/store.js': 'module.exports = { books: [] };\n',
      // A resolver requires a package (not shipped beside it) and the app's own store (one instance with the app's).
      'graphql/resolvers/book.resolvers.js': "const { Router } = require('express');\nconst store = require('../../data/store');\nmodule.exports = { Query: { books: () => typeof Router === 'function' && store.books } };\n",
      'graphql/resolvers/user.resolvers.js': "module.exports = { Query: { users: () => [{ name: 'ada' }] } };\n",
    },
    { app: 'index.js' },
    ['express'],
  );
  artifact = await buildArtifact(project.dir, 'dev');
  container = await new ArtifactProcess(artifact.dir).whenReady();
}, 60_000);
afterAll(async () => {
  await container?.close();
  artifact?.cleanup();
  project.cleanup();
});

test('the modules the package loads at boot are bundled, and the line says why', () => {
  const r = artifact!.result;
  expect(r.run_time_files.map(formatLine)).toContain('graphql/ (2 files): bundled: loaded at boot by a path zap could not follow');
  expect(r.files).not.toContain('node_modules/express/index.js');
});

test('served, the resolvers answer with the app\'s own store: one instance, its packages resolved', async () => {
  const res = await functionUrlClient(container!).request('GET', '/books');
  expect(res.status).toBe(200);
  expect(JSON.parse(res.body.toString('utf8'))).toEqual([[{ title: 'The Awakening' }], [{ name: 'ada' }]]);
});

test('the operation handlers an OpenAPI document names are bundled, and answer with the app\'s own store', async () => {
  const r = artifact!.result;
  expect(r.run_time_files.map(formatLine)).toContain('routes/pets.js: bundled: an operation handler named in openapi.yaml');
  expect(r.warnings.join('\n')).not.toContain('express-openapi-validator');
  const res = await functionUrlClient(container!).request('GET', '/pets');
  expect(res.status).toBe(200);
  expect(JSON.parse(res.body.toString('utf8'))).toEqual([{ title: 'The Awakening' }]);
});

test('a TypeScript app that lists its modules by their compiled names (*.js) finds them: bundled, and shipped under those names', async () => {
  // routing-controllers' `controllers: [__dirname + '/controllers/*.js']`, written for `node build/index.js`: in src/ the files are .ts.
  const ts = makeProject(
    {
      'package.json': JSON.stringify({ name: 'rc-app', private: true, main: 'build/index.js', scripts: { build: 'tsc', start: 'node build/index.js' }, dependencies: { express: '^5.1.0', '@graphql-tools/load-files': '^7.0.0' } }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'commonjs', outDir: 'build', rootDir: 'src', esModuleInterop: true } }),
      'node_modules/@graphql-tools/load-files/index.js': LOAD_FILES,
      'node_modules/@graphql-tools/load-files/package.json': JSON.stringify({ name: '@graphql-tools/load-files', version: '7.0.1', main: 'index.js' }),
      'src/index.ts': [
        "import path from 'path';",
        "import express from 'express';",
        "import { loadFilesSync } from '@graphql-tools/load-files';",
        'const app = express();',
        "for (const c of loadFilesSync(path.join(__dirname, 'controllers/**/*.controller.js'))) app.get(c.path, c.handle);",
        // swagger-jsdoc's way: route files read as text by a pattern relative to the working directory; they are imported too.
        "import { health } from './routes/health';",
        "import readDocs from 'doc-reader';",
        "const docs = readDocs('src/routes');",
        "app.get('/health', (_req, res) => res.json({ ok: health(), docs: docs.length }));",
        'app.listen(process.env.PORT || 3000);',
      ].join('\n'),
      'src/routes/health.ts': "/** @openapi /health: get */\nexport const health = () => true;\n",
      'node_modules/doc-reader/index.js': "const fs = require('fs');\nconst path = require('path');\nmodule.exports = (dir) => fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));\n",
      'node_modules/doc-reader/package.json': JSON.stringify({ name: 'doc-reader', version: '1.0.0', main: 'index.js' }),
      'src/controllers/user.controller.ts': "import { Router } from 'express';\nexport const path = '/users';\nexport const handle = (_req: unknown, res: { json(v: unknown): void }) => res.json({ router: typeof Router, users: ['ada'] });\n",
    },
    { app: 'src/index.ts' },
    ['express'],
  );
  try {
    const built = await buildArtifact(ts.dir, 'dev');
    try {
      expect(built.result.run_time_files.map(formatLine)).toEqual(expect.arrayContaining([
        'src/controllers/user.controller.js: the compiled name of src/controllers/user.controller.ts, which the app lists at boot: a require() of it gets the bundled module',
      ]));
      const served = await new ArtifactProcess(built.dir).whenReady();
      try {
        const res = await functionUrlClient(served).request('GET', '/users');
        expect(res.status).toBe(200);
        expect(JSON.parse(res.body.toString('utf8'))).toEqual({ router: 'function', users: ['ada'] });
        // A module the app imports and only reads as text gets no compiled name.
        expect(built.result.files).toEqual(expect.arrayContaining(['src/routes/health.ts']));
        expect(built.result.files).not.toContain('src/routes/health.js');
        expect(JSON.parse((await functionUrlClient(served).request('GET', '/health')).body.toString('utf8'))).toEqual({ ok: true, docs: 1 });
      } finally {
        await served.close();
      }
    } finally {
      built.cleanup();
    }
  } finally {
    ts.cleanup();
  }
});
