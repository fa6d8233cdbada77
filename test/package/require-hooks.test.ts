/** Tracing agents that patch modules through require hooks are named at package time: in a bundle they record no spans. Compile hooks do nothing there. */
import type { Metafile } from 'esbuild';
import { requireHookNotes } from '../../src/package/require-hooks';
import { buildArtifact } from '../helpers/artifact';
import { ArtifactProcess } from '../helpers/artifact-process';
import { functionUrlEvent } from '../helpers/artifact-client';
import { fakePackage, makeProject, type Project } from '../helpers/artifact-project';

const metafile = (inputs: string[]): Metafile => ({ inputs: Object.fromEntries(inputs.map((i) => [i, { bytes: 1, imports: [] }])), outputs: {} }) as Metafile;

test('@sentry/node in the bundle (instrument.js required first, as Sentry documents): a note that says what still works and what to use', () => {
  const notes = requireHookNotes(metafile(['instrument.js', 'app.js', 'node_modules/@sentry/node/build/cjs/index.js', 'node_modules/express/index.js']));
  expect(notes).toEqual([
    '@sentry/node instruments modules by hooking require(), which bundled modules never pass through: on Lambda the app answers the same and explicitly captured errors are sent, ' +
      "but no automatic spans (express, http, databases) are recorded. For traces use @sentry/aws-serverless or Sentry's Lambda layer",
  ]);
});

test('dd-trace, newrelic and elastic-apm-node each get their note; an app without an agent gets none', () => {
  const notes = requireHookNotes(metafile(['node_modules/dd-trace/index.js', 'node_modules/newrelic/index.js', 'node_modules/elastic-apm-node/start.js']));
  expect(notes.map((n) => n.split(' ')[0])).toEqual(['dd-trace', 'newrelic', 'elastic-apm-node']);
  expect(requireHookNotes(metafile(['app.js', 'node_modules/express/index.js', 'node_modules/pino/pino.js']))).toEqual([]);
});

describe('hooks that compile sources as Node loads them', () => {
  // Stand-ins that fail loudly if they run: the bundle must not need them, as the sources are compiled already.
  const hook = (name: string) => `throw new Error('${name} ran inside the bundle');\n`;
  let project: Project;
  beforeAll(() => {
    project = makeProject(
      {
        'zap.json': JSON.stringify({ dev: { app: 'bin/www' }, esm: { app: 'index.js' }, coffee: { app: 'coffee/index.js' } }),
        // CoffeeScript's: the hook, then `./app`, which is app.coffee.
        'coffee/index.js': "require('coffeescript/register');\nrequire('./app');\n",
        'coffee/app.coffee': "# compiled by the project's coffeescript\nexpress = require 'express'\napp = express()\napp.get '/', (req, res) -> res.send 'coffee compiled'\napp.listen 3000\n",
        // express-generator's bin/www under Babel: the hook first, then ES-module source.
        'bin/www': "#!/usr/bin/env node\nrequire('@babel/register');\nrequire('../src/server');\n",
        'src/server.js': "import http from 'http';\nimport app from './app';\nhttp.createServer(app).listen(process.env.PORT || 3000);\n",
        'src/app.js': "import express from 'express';\nconst app = express();\napp.get('/', (req, res) => res.send('compiled by the bundle'));\nexport default app;\n",
        // The esm package's documented entry.
        'index.js': 'require = require("esm")(module/* , options*/)\nmodule.exports = require("./main.js")\n',
        'main.js': "import express from 'express';\nconst app = express();\napp.get('/', (req, res) => res.send('esm main'));\nexport default app;\n",
      },
      {},
      ['express'],
    );
    fakePackage(project, '@babel/register', { 'index.js': hook('@babel/register') });
    fakePackage(project, 'esm', { 'index.js': hook('esm') });
    // A stand-in compiler for the few lines above: CoffeeScript's calls without parentheses and arrow functions.
    const compile = `exports.compile = (src, o) => '// ' + o.filename + '\\n' + src.replace(/^#.*$/gm, '').replace(/^(\\w+) = /gm, 'var $1 = ')` +
      `.replace(/require '(.+)'/g, "require('$1')").replace(/app\\.get '(.+)', \\(req, res\\) -> res\\.send '(.+)'/, "app.get('$1', (req, res) => res.send('$2'))").replace(/app\\.listen (\\d+)/, 'app.listen($1)');\n`;
    fakePackage(project, 'coffeescript', { 'index.js': compile, 'register.js': hook('coffeescript/register') });
  });
  afterAll(() => project.cleanup());

  test.each([
    ['dev', '@babel/register', 'compiled by the bundle'],
    ['esm', 'esm', 'esm main'],
    ['coffee', 'coffeescript/register', 'coffee compiled'],
  ])('stage %s: require(%j) does nothing in the bundle, zap says so, and the app serves', async (stage, name, body) => {
    const artifact = await buildArtifact(project.dir, stage);
    const c = await new ArtifactProcess(artifact.dir).whenReady();
    try {
      expect(artifact.result.notes).toContain(`require('${name}') compiles sources as Node loads them; the bundle holds them compiled already, so it does nothing there (modules the app loads from files zap does not bundle are not compiled)`);
      expect((await c.invoke(functionUrlEvent('GET', '/'))).result).toMatchObject({ statusCode: 200, body });
    } finally {
      await c.close();
      artifact.cleanup();
    }
  });
});
