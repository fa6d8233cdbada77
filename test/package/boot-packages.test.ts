/**
 * An ORM that loads its database driver by name (Sequelize's `require(moduleName)` for `dialect:
 * 'sqlite'`, knex's `client: 'pg'`): the bundle leaves that require() to run time. The boot check runs
 * inside the project, where it finds node_modules; on Lambda there is none. zap ships such a package as
 * "external" by itself, and says so.
 */
import { buildArtifact, type Artifact } from '../helpers/artifact';
import { makeProject, type Project } from '../helpers/artifact-project';
import { ArtifactProcess } from '../helpers/artifact-process';
import { functionUrlClient } from '../helpers/artifact-client';
import { packageOfPath } from '../../src/package/boot-packages';

// The ORM's mechanism, in brief: the driver's package name comes from the settings, at run time.
const ORM = `class Sequelize {
  constructor(options) {
    const moduleName = { sqlite: 'sqlite-driver', postgres: 'pg' }[options.dialect];
    this.lib = require(moduleName);
  }
  query(sql) { return this.lib.run(sql); }
}
module.exports = Sequelize;
`;

let project: Project;
let artifact: Artifact | undefined;
let container: ArtifactProcess | undefined;
beforeAll(async () => {
  project = makeProject(
    {
      'package.json': JSON.stringify({ name: 'orm-app', private: true, dependencies: { express: '^5.1.0', 'orm-like': '^6.0.0', 'sqlite-driver': '^5.0.0' } }),
      'node_modules/orm-like/index.js': ORM,
      'node_modules/orm-like/package.json': JSON.stringify({ name: 'orm-like', version: '6.0.0', main: 'index.js' }),
      'node_modules/sqlite-driver/index.js': "exports.run = (sql) => ({ rows: [{ sql, driver: require('./package.json').name }] });\n",
      'node_modules/sqlite-driver/package.json': JSON.stringify({ name: 'sqlite-driver', version: '5.1.7', main: 'index.js' }),
      'models/index.js': "const Sequelize = require('orm-like');\nmodule.exports = { sequelize: new Sequelize({ dialect: 'sqlite', storage: ':memory:' }) };\n",
      'app.js': [
        "const express = require('express');",
        "const db = require('./models');",
        'const app = express();',
        "app.get('/users', (req, res) => res.json(db.sequelize.query('SELECT 1')));",
        'app.listen(process.env.PORT || 3000);',
      ].join('\n'),
    },
    { app: 'app.js' },
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

test('the driver loaded by name ships from node_modules, and zap says so', () => {
  const r = artifact!.result;
  expect(r.files).toEqual(expect.arrayContaining(['node_modules/sqlite-driver/index.js', 'node_modules/sqlite-driver/package.json']));
  expect(r.files).not.toContain('node_modules/orm-like/index.js'); // bundled
  expect(r.warnings).toContain(`"sqlite-driver" is loaded at boot by a require() the bundle leaves to run time (a driver chosen by name, as Sequelize and knex do): shipped from node_modules as if listed in "external" in zap.json (stage 'dev'); list it there to say so`);
});

test('served outside the project, the app answers through the driver', async () => {
  const res = await functionUrlClient(container!).request('GET', '/users');
  expect(res.status).toBe(200);
  expect(JSON.parse(res.body.toString('utf8'))).toEqual({ rows: [{ sql: 'SELECT 1', driver: 'sqlite-driver' }] });
});

test('package names from paths, scoped and not, the last node_modules winning', () => {
  expect(packageOfPath('/p/node_modules/pg/lib/index.js')).toBe('pg');
  expect(packageOfPath('/p/node_modules/@prisma/client/index.js')).toBe('@prisma/client');
  expect(packageOfPath('/p/node_modules/knex/node_modules/pg-pool/index.js')).toBe('pg-pool');
  expect(packageOfPath('/p/src/db.js')).toBeUndefined();
});
