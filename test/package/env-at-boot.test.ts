/**
 * An app that checks its configuration at boot (`if (!process.env.X) throw`): on Lambda the stage's
 * environment_variables are all it gets. zap package names the missing variable and where to set it,
 * and warns when a boot worked only because the shell running zap set a variable.
 */
import { buildArtifact } from '../helpers/artifact';
import { makeProject } from '../helpers/artifact-project';
import { missingVariablesHint, recordEnv } from '../../src/package/env-hint';
import { isLoopback, loopbackWarning, waitedOnLoopback } from '../../src/package/loopback-connects';
import { APP_EXPORT_ERROR } from '../../src/contracts/layout';
import { connectTarget } from '../../src/contracts/boot-check';
import { startFlags } from '../../src/package/start-flags';

const CONFIG = [
  "const express = require('express');",
  "for (const key of ['SWEEP_DATABASE_URL']) {",
  '  if (!process.env[key]) throw new Error(`Missing required environment variable ${key}`);',
  '}',
  "require('dotenv-like');",
  'const app = express();',
  "app.get('/', (req, res) => res.send(process.env.SWEEP_DATABASE_URL));",
  'module.exports = app;',
  '',
].join('\n');

function project(stageEnv: Record<string, string> = {}) {
  return makeProject(
    { 'src/app.js': CONFIG, 'node_modules/dotenv-like/index.js': "process.env.SWEEP_FROM_DOTENV = 'x'; void process.env.SWEEP_FROM_DOTENV;\n" },
    { app: 'src/app.js', environment_variables: stageEnv },
    ['express'],
  );
}

describe('environment variables read at boot', () => {
  afterEach(() => delete process.env.SWEEP_DATABASE_URL);

  test('a variable the stage does not set: the boot warning names it and the key that sets it', async () => {
    const p = project();
    try {
      const { result } = await buildArtifact(p.dir, 'dev');
      expect(result.warnings).toEqual([
        expect.stringMatching(/Missing required environment variable SWEEP_DATABASE_URL; "SWEEP_DATABASE_URL" is not set in stage 'dev': add it to "environment_variables" in zap.json/),
      ]);
    } finally {
      p.cleanup();
    }
  });

  test('set only in the shell running zap: a warning that Lambda will not have it; set in the stage: no warning', async () => {
    process.env.SWEEP_DATABASE_URL = 'postgres://localhost/dev';
    const shellOnly = project();
    const staged = project({ SWEEP_DATABASE_URL: 'postgres://db/prod' });
    try {
      const a = await buildArtifact(shellOnly.dir, 'dev');
      expect(a.result.warnings).toEqual([
        `the app read "SWEEP_DATABASE_URL" at boot, which your shell sets and zap.json (stage 'dev') does not: Lambda will not have the shell's value; if the app needs it, add it to "environment_variables"`,
      ]);
      const b = await buildArtifact(staged.dir, 'dev');
      expect(b.result.warnings).toEqual([]);
      a.cleanup();
      b.cleanup();
    } finally {
      shellOnly.cleanup();
      staged.cleanup();
    }
  });

  test('the hint without a record of reads (a deploy\'s first start) takes names that look like variables', () => {
    expect(missingVariablesHint('Error: DATABASE_URL is required', 'prod', {})).toMatch(/^"DATABASE_URL" is not set in stage 'prod'/);
    expect(missingVariablesHint('Error: DATABASE_URL is required', 'prod', { DATABASE_URL: 'ssm:/db' })).toBeUndefined();
    expect(missingVariablesHint('connect ECONNREFUSED 127.0.0.1:5432', 'prod', {})).toBeUndefined();
    expect(missingVariablesHint('Invalid env: JWT_SECRET, API_KEY', 'dev', {}, ['API_KEY', 'PORT'])).toMatch(/^"API_KEY" is not set/);
  });

  test('reads are recorded through the proxy; what the app sets itself is its own', () => {
    const env = recordEnv({ HOME: '/root', FROM_SHELL: '1', STAGED: '2' }, ['STAGED']);
    void env.proxy.FROM_SHELL, env.proxy.STAGED, env.proxy.HOME, env.proxy.ABSENT, 'MAYBE' in env.proxy;
    env.proxy.MINE = 'x';
    void env.proxy.MINE;
    expect([...env.shell]).toEqual(['FROM_SHELL']);
    expect([...env.unset].sort()).toEqual(['ABSENT', 'MAYBE']);
  });
});

describe('servers the app reaches on this machine at boot', () => {
  // ioredis's shape: the client connects on the next tick to the URL it was given, else 127.0.0.1:6379, and retries on error.
  const client = "const net = require('net');\nmodule.exports = class Redis {\n  constructor(url = 'redis://127.0.0.1:6379') {\n    const u = new URL(url);\n" +
    "    process.nextTick(() => net.createConnection({ host: u.hostname, port: Number(u.port) }).on('error', (e) => console.error('[fake-redis] ' + e.message)));\n  }\n};\n";
  const app = "const express = require('express');\nconst Redis = require('fake-redis');\nconst redis = new Redis(process.env.SWEEP_REDIS_URL || 'redis://127.0.0.1:6379');\n" +
    "const app = express();\napp.get('/', (req, res) => res.send('ok'));\nmodule.exports = app;\n";

  test('a client left at its localhost default: the warning names the server and the variable that would point it elsewhere', async () => {
    const p = makeProject({ 'src/app.js': app, 'node_modules/fake-redis/index.js': client }, { app: 'src/app.js' }, ['express']);
    try {
      const { result } = await buildArtifact(p.dir, 'dev');
      expect(result.warnings).toEqual([
        expect.stringMatching(/^the app connects at boot to 127\.0\.0\.1:6379 \(Redis\) on this machine; on Lambda nothing listens on the function's own loopback .*: the app read SWEEP_REDIS_URL at boot and found it unset: set it in "environment_variables" \(stage 'dev'\)$/),
      ]);
    } finally {
      p.cleanup();
    }
  });

  test('loopback addresses, and which unset variables name a server', () => {
    expect(['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', '::ffff:127.0.0.1', undefined].every(isLoopback)).toBe(true);
    expect(['10.0.0.5', 'redis.internal', 'db.example.com', '::'].some(isLoopback)).toBe(false);
    const w = loopbackWarning([{ host: 'localhost', port: 27017 }], ['MONGODB_URI', 'MONGODB_LOG_PATH', 'KUBERNETES_SERVICE_HOST', 'DB_HOST'], 'prod');
    expect(w).toMatch(/localhost:27017 \(MongoDB\).*the app read MONGODB_URI, DB_HOST at boot and found them unset: set them in "environment_variables" \(stage 'prod'\)$/);
    expect(loopbackWarning([], ['REDIS_URL'], 'dev')).toBeUndefined();
    // Every way a client calls connect(), as both the boot's watch and this record read it.
    expect(connectTarget([{ host: '127.0.0.1', port: 6379 }, () => {}])).toEqual({ host: '127.0.0.1', port: 6379 });
    expect(connectTarget([[{ port: '5432' }, null]])).toEqual({ port: 5432 });
    expect(connectTarget([27017, 'localhost'])).toEqual({ host: 'localhost', port: 27017 });
    expect(connectTarget(['/tmp/mysql.sock'])).toEqual({ path: '/tmp/mysql.sock' });
  });

  test("a boot that awaits its connection (node-redis's `await client.connect()` before listen()) is no reason to refuse the package, when it was connecting here", () => {
    const redis = [{ host: 'localhost', port: 6379 }];
    const noListen = { error: { name: APP_EXPORT_ERROR, message: 'redis-app.js exports nothing and called no listen() within 10 s; its exports: none.' } };
    expect(waitedOnLoopback(noListen, redis)).toBe(true);
    expect(waitedOnLoopback({ timedOut: true }, redis)).toBe(true);
    // No connection here: the module really serves nothing, and packaging stops as before.
    expect(waitedOnLoopback(noListen, [])).toBe(false);
    expect(waitedOnLoopback({ error: { name: APP_EXPORT_ERROR, message: 'app.js has no export named "server"' } }, redis)).toBe(false);
  });
});

test("an app that gives up at boot with process.exit(1) (knex's migrate.latest().catch(…)): the warning says it exited, and what it printed last", async () => {
  const app = [
    "const express = require('express');",
    'const app = express();',
    "app.get('/', (req, res) => res.send('ok'));",
    "Promise.reject(new Error('SQLITE_CANTOPEN: unable to open database file'))",
    '  .then(() => app.listen(3000))',
    "  .catch((err) => {\n    console.error('migration failed', err);\n    process.exit(1);\n  });",
    '',
  ].join('\n');
  const p = makeProject({ 'src/server.js': app }, { app: 'src/server.js' }, ['express']);
  try {
    const { result } = await buildArtifact(p.dir, 'dev');
    expect(result.warnings).toEqual([
      'the app threw while booting at package time (it may need its Lambda environment): ExitError: the app called process.exit(1) while booting; ' +
        'its last lines on stderr: migration failed Error: SQLITE_CANTOPEN: unable to open database file',
    ]);
  } finally {
    p.cleanup();
  }
});

test("npm start's node flags, which Lambda never passes: --env-file's variables the stage lacks, and -r preloads, are named", async () => {
  const p = makeProject(
    {
      'package.json': JSON.stringify({ name: 'flags', private: true, scripts: { start: 'node --env-file=.env -r ./tracing.js src/app.js' } }),
      '.env': 'SWEEP_GREETING="hello from .env"\n# a comment\nSWEEP_API_KEY=abc123\n',
      'tracing.js': "console.log('tracing on');\n",
      // GREETING is read only while serving: no boot failure would name it.
      'src/app.js': "const express = require('express');\nconst app = express();\napp.get('/', (req, res) => res.send(process.env.SWEEP_GREETING));\nmodule.exports = app;\n",
    },
    { app: 'src/app.js', environment_variables: { SWEEP_API_KEY: 'ssm:/flags/api-key' } },
    ['express'],
  );
  try {
    const { result } = await buildArtifact(p.dir, 'dev');
    expect(result.warnings).toEqual([
      `npm start loads .env into the environment; on Lambda the function gets only the stage's "environment_variables", and stage 'dev' does not set SWEEP_GREETING: ` +
        'add it there (a value "ssm:/<parameter>" or "secretsmanager:<name>" keeps a secret out of the function\'s configuration)',
      "npm start preloads ./tracing.js (node -r/--import), which Lambda does not run: require it at the top of the app's module if the app needs it",
    ]);
  } finally {
    p.cleanup();
  }
});

test('start scripts: --env-file forms, dotenv/config, and preloads', () => {
  expect(startFlags('node --env-file=.env --env-file-if-exists .env.local -r dotenv/config --import ./otel.mjs --require "./a b.js" server.js')).toEqual({
    envFiles: ['.env', '.env.local', '.env'],
    preloads: ['./otel.mjs', './a b.js'],
  });
  expect(startFlags('nodemon server.js')).toEqual({ envFiles: [], preloads: [] });
  // Compilers and loaders the bundle stands in for are no preload to carry over.
  expect(startFlags('node -r esm -r @babel/register -r ts-node/register --import tsx -r module-alias/register src/server.js')).toEqual({ envFiles: [], preloads: [] });
  expect(startFlags('run-r server.js && node --trace-warnings server.js')).toEqual({ envFiles: [], preloads: [] });
});
