/**
 * module-alias (`require('module-alias/register')`, `_moduleAliases` in package.json), as JavaScript
 * apps and tsc-built TypeScript apps use it: zap resolves the aliases while bundling, where esbuild alone
 * would call "@lib/format" an uninstalled package.
 */
import { buildArtifact, type Artifact } from '../helpers/artifact';
import { makeProject, type Project } from '../helpers/artifact-project';
import { ArtifactProcess } from '../helpers/artifact-process';
import { functionUrlClient } from '../helpers/artifact-client';

// module-alias's own mechanism, in brief: aliases from the package.json two folders up, applied to Module._resolveFilename.
const REGISTER = `const Module = require('module');
const path = require('path');
const base = path.join(__dirname, '..', '..');
const aliases = require(path.join(base, 'package.json'))._moduleAliases || {};
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  for (const [alias, target] of Object.entries(aliases)) {
    if (request === alias || request.startsWith(alias + '/')) request = path.join(base, target) + request.slice(alias.length);
  }
  return resolve.call(this, request, ...rest);
};
`;

let project: Project;
let artifact: Artifact | undefined;
let container: ArtifactProcess | undefined;
beforeAll(async () => {
  project = makeProject(
    {
      'package.json': JSON.stringify({ name: 'alias-app', version: '1.2.3', main: 'index.js', dependencies: { express: '^5.1.0', 'module-alias': '^2.2.3' }, _moduleAliases: { '@root': '.', '@lib': 'lib', '@routes': 'routes' } }),
      'node_modules/module-alias/register.js': REGISTER,
      'node_modules/module-alias/package.json': JSON.stringify({ name: 'module-alias', version: '2.2.3' }),
      'index.js': [
        "require('module-alias/register');",
        "const express = require('express');",
        "const { format } = require('@lib/format');",
        "const users = require('@routes/users');",
        "const pkg = require('@root/package.json');",
        'const app = express();',
        "app.get('/', (req, res) => res.send(format(pkg.name + ' ' + pkg.version)));",
        "app.use('/users', users);",
        'app.listen(process.env.PORT || 3000);',
      ].join('\n'),
      'lib/format.js': "exports.format = (s) => '[' + s + ']';\n",
      'routes/users.js': "const router = require('express').Router();\nconst { format } = require('@lib/format');\nrouter.get('/', (req, res) => res.json([format('ada')]));\nmodule.exports = router;\n",
    },
    { app: 'index.js' },
    ['express'],
  );
  artifact = await buildArtifact(project.dir, 'dev');
  container = await new ArtifactProcess(artifact.dir).whenReady();
});
afterAll(async () => {
  await container?.close();
  artifact?.cleanup();
  project.cleanup();
});

test('aliased requires bundle, in the entry and in a module it loads, and the app answers through them', async () => {
  const client = functionUrlClient(container!);
  const home = await client.request('GET', '/');
  expect([home.status, home.body.toString('utf8')]).toEqual([200, '[alias-app 1.2.3]']);
  const users = await client.request('GET', '/users');
  expect([users.status, JSON.parse(users.body.toString('utf8'))]).toEqual([200, ['[ada]']]);
});

test("babel-plugin-module-resolver's root and alias (.babelrc) resolve while bundling, as Babel rewrote them under @babel/register", async () => {
  const babel = makeProject(
    {
      '.babelrc': JSON.stringify({ presets: ['@babel/preset-env'], plugins: [['module-resolver', { root: ['./src'], alias: { '@views': './src/components' } }]] }),
      'index.js': "require('@babel/register');\nrequire('./src/server');\n",
      'src/server.js': [
        "import express from 'express';",
        "import { greet } from 'lib/greet';",
        "import { title } from '@views/title';",
        'const app = express();',
        "app.get('/', (req, res) => res.send(title(greet('ada'))));",
        'app.listen(process.env.PORT || 3000);',
      ].join('\n'),
      'src/lib/greet.js': "export const greet = (n) => 'hello ' + n;\n",
      'src/components/title.js': "export const title = (s) => '<h1>' + s + '</h1>';\n",
    },
    { app: 'index.js' },
    ['express'],
  );
  const built = await buildArtifact(babel.dir, 'dev');
  const served = await new ArtifactProcess(built.dir).whenReady();
  try {
    const home = await functionUrlClient(served).request('GET', '/');
    expect([home.status, home.body.toString('utf8')]).toEqual([200, '<h1>hello ada</h1>']);
  } finally {
    await served.close();
    built.cleanup();
    babel.cleanup();
  }
});
