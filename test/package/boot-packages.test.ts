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

describe("TypeORM's entities: [__dirname + '/entity/*.js'], entity files that require the ORM", () => {
  // The ORM's mechanism, in brief: expand the glob, require() each file, keep what is an EntitySchema of its own copy.
  const TYPEORM = `const fs = require('fs');
const path = require('path');
class EntitySchema { constructor(options) { this.options = options; } }
class DataSource {
  constructor(options) { this.options = options; }
  initialize() {
    const [pattern] = this.options.entities;
    const dir = path.dirname(pattern);
    const ext = path.extname(pattern);
    this.entities = fs.readdirSync(dir).filter((f) => f.endsWith(ext)).sort().map((f) => require(path.join(dir, f))).filter((e) => e instanceof EntitySchema);
    return Promise.resolve(this);
  }
}
module.exports = { EntitySchema, DataSource };
`;
  let orm: Project;
  let ormArtifact: Artifact | undefined;
  let ormContainer: ArtifactProcess | undefined;
  beforeAll(async () => {
    orm = makeProject(
      {
        'package.json': JSON.stringify({ name: 'typeorm-app', private: true, dependencies: { express: '^5.1.0', typeorm: '^0.3.0' } }),
        'node_modules/typeorm/index.js': TYPEORM,
        'node_modules/typeorm/package.json': JSON.stringify({ name: 'typeorm', version: '0.3.28', main: 'index.js' }),
        'entity/Post.js': "const EntitySchema = require('typeorm').EntitySchema;\nmodule.exports = new EntitySchema({ name: 'Post' });\n",
        'entity/Category.js': "const EntitySchema = require('typeorm').EntitySchema;\nmodule.exports = new EntitySchema({ name: 'Category' });\n",
        'data-source.js': "const typeorm = require('typeorm');\nexports.dataSource = new typeorm.DataSource({ type: 'sqljs', synchronize: true, entities: [__dirname + '/entity/*.js'] });\n",
        'index.js': [
          "const express = require('express');",
          "const { dataSource } = require('./data-source');",
          'dataSource.initialize().then(() => {',
          '  const app = express();',
          "  app.get('/entities', (req, res) => res.json(dataSource.entities.map((e) => e.options.name)));",
          '  app.listen(process.env.PORT || 3000);',
          '});',
        ].join('\n'),
      },
      { app: 'index.js' },
      ['express'],
    );
    ormArtifact = await buildArtifact(orm.dir, 'dev');
    ormContainer = await new ArtifactProcess(ormArtifact.dir).whenReady();
  }, 60_000);
  afterAll(async () => {
    await ormContainer?.close();
    ormArtifact?.cleanup();
    orm.cleanup();
  });

  test('the entity files are bundled with the app (one copy of the ORM), not the ORM shipped beside them', () => {
    const r = ormArtifact!.result;
    expect(r.run_time_files.map((l) => `${l.path}: ${l.reason}`)).toEqual(['entity/: bundled: loaded at boot by a path zap could not follow']);
    expect(r.files.filter((f) => f.startsWith('node_modules/'))).toEqual([]);
  });

  test('served, every entity is an EntitySchema of the ORM the app uses', async () => {
    const res = await functionUrlClient(ormContainer!).request('GET', '/entities');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.toString('utf8'))).toEqual(['Category', 'Post']);
  });
});
