import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runZapInProcess } from '../helpers/cli-in-process';

function project(files: Record<string, string>, pkg: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'zap-init-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'shop', ...pkg }));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

const readSettings = (dir: string) => JSON.parse(readFileSync(join(dir, 'zap.json'), 'utf8'));

describe('zap init', () => {
  test('finds a TypeScript app exported by name and writes dev and prod stages', async () => {
    const dir = project({ 'src/app.ts': "import express from 'express';\nexport const app = express();\napp.get('/', (_q, r) => r.send('hi'));\n" });
    const res = await runZapInProcess(['init', '--region', 'eu-west-1'], { cwd: dir });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const s = readSettings(dir);
    expect(s.dev).toMatchObject({ app: 'src/app.ts#app', aws_region: 'eu-west-1', keep_warm: 1 });
    expect(s.prod).toMatchObject({ extends: 'dev' });
    expect(s.$schema).toMatch(/node_modules\/.+\/zap\.schema\.json$/);
  });

  test("finds express-generator's app.js beside bin/www", async () => {
    const dir = project({
      'app.js': "var express = require('express');\nvar app = express();\nmodule.exports = app;\n",
      'bin/www': "#!/usr/bin/env node\nvar app = require('../app');\nvar http = require('http');\nhttp.createServer(app).listen(3000);\n",
    });
    expect((await runZapInProcess(['init'], { cwd: dir })).code).toBe(0);
    expect(readSettings(dir).dev.app).toBe('app.js');
  });

  test('an app that calls listen() on import is taken as it is, and init says listen() is captured', async () => {
    const dir = project({ 'server.js': "const express = require('express');\nconst app = express();\napp.listen(3000);\n" });
    const res = await runZapInProcess(['init'], { cwd: dir });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^found server\.js \(where apps usually live\): calls listen\(\): on Lambda it binds no port/m);
    expect(readSettings(dir).dev.app).toBe('server.js');
  });

  test("Express's own pattern (module.exports = app; if (!module.parent) app.listen()) is taken, and the guard is named", async () => {
    const dir = project({ 'index.js': "var express = require('express');\nvar app = module.exports = express();\nif (!module.parent) {\n  app.listen(3000);\n}\n" });
    const res = await runZapInProcess(['init'], { cwd: dir });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/found index\.js .*: exports the app; calls listen\(\) behind !module\.parent/);
    expect(readSettings(dir).dev.app).toBe('index.js');
  });

  test.each([
    ['node server.js', 'server.js', 'server.js'],
    ['node ./bin/www', 'bin/www', 'bin/www'],
    ['NODE_ENV=production nodemon src/index.js', 'src/index.js', 'src/index.js'],
    ['tsx src/server.ts', 'src/server.ts', 'src/server.ts'],
    ['ts-node src/server.ts', 'src/server.ts', 'src/server.ts'],
    ['node -r dotenv/config --enable-source-maps dist/server.js && echo done', 'src/server.ts', 'src/server.ts'],
    // tsoa's layout: build/routes.ts is compiled too, so tsc's rootDir is the project and the output keeps src/.
    ['node build/src/server.js', 'src/server.ts', 'src/server.ts'],
  ])('the entry npm start runs: "%s" → %s', async (start, file, app) => {
    const listens = "const express = require('express');\nconst app = require('./routes');\nconst http = require('http');\nhttp.createServer(app).listen(process.env.PORT || 3000);\n";
    // An app module elsewhere too: the entry the author starts wins, as it is what runs under node.
    const dir = project({ [file]: listens, 'app.js': "module.exports = require('express')();\n" }, { scripts: { start } });
    const res = await runZapInProcess(['init'], { cwd: dir });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`found ${file} (package.json "start": ${JSON.stringify(start)}): calls listen()`);
    expect(readSettings(dir).dev.app).toBe(app);
  });

  test('a start script that runs the build output takes its source even after a build: a stale dist/ never ships', async () => {
    const listenApp = "const express = require('express');\nexpress().listen(3000);\n";
    const dir = project(
      {
        'src/index.ts': "import express from 'express';\nconst app = express();\napp.listen(Number(process.env.PORT) || 3000);\n",
        'dist/index.js': "const express = require('express');\nconst app = express();\napp.listen(3000); // an old build\n",
      },
      { main: 'dist/index.js', scripts: { build: 'tsc', start: 'node dist/index.js' } },
    );
    const res = await runZapInProcess(['init'], { cwd: dir });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('found src/index.ts (package.json "start": "node dist/index.js"): calls listen()');
    expect(readSettings(dir).dev.app).toBe('src/index.ts');
    // A JavaScript lib/ that npm start runs is the app, even beside a src/ of the same name.
    const js = project({ 'lib/server.js': listenApp, 'src/server.js': listenApp }, { scripts: { start: 'node lib/server.js' } });
    expect((await runZapInProcess(['init'], { cwd: js })).code).toBe(0);
    expect(readSettings(js).dev.app).toBe('lib/server.js');
  });

  test('package.json "main" is the entry when there is no start script', async () => {
    const dir = project({ 'lib/web.js': "import express from 'express';\nexport const app = express();\n" }, { main: 'lib/web.js' });
    const res = await runZapInProcess(['init', '--json'], { cwd: dir });
    expect(JSON.parse(res.stdout)).toMatchObject({ app: 'lib/web.js#app', found: { entry: 'lib/web.js', via: 'package.json "main": "lib/web.js"', how: 'exports the app as "app"' } });
  });

  test('async shapes are named: an async factory, listen() after an async start, top-level await', async () => {
    const factory = project({ 'src/app.js': "const express = require('express');\nmodule.exports = async () => { const app = express(); return app; };\n" });
    expect((await runZapInProcess(['init'], { cwd: factory })).stdout).toMatch(/exports an async factory \(called once with no arguments, awaited\)/);
    const later = project({ 'server.js': "const express = require('express');\nconnect().then(() => express().listen(3000));\n" });
    expect((await runZapInProcess(['init'], { cwd: later })).stdout).toMatch(/calls listen\(\) after an async start \(zap waits for it\)/);
    // A promise started beside a listen() at the top level: the listen() runs at load.
    const beside = project({ 'index.js': "const express = require('express');\nconst app = express();\nconst ready = connect().then((db) => db);\napp.get('/', async (req, res) => res.json(await ready));\napp.listen(3000);\n" });
    const besideOut = (await runZapInProcess(['init'], { cwd: beside })).stdout;
    expect(besideOut).toMatch(/found index\.js .*: calls listen\(\): on Lambda/);
    expect(besideOut).not.toMatch(/after an async start/);
    const tla = project({ 'src/app.mjs': "import express from 'express';\nconst config = await load();\nexport default express();\n" });
    expect((await runZapInProcess(['init'], { cwd: tla })).stdout).toMatch(/uses top-level await .*; exports the app/);
  });

  test('a start script whose file serves nothing is refused, naming what it found', async () => {
    const dir = project({ 'worker.js': "setInterval(() => console.log('tick'), 1000);\n" }, { scripts: { start: 'node worker.js' } });
    const res = await runZapInProcess(['init'], { cwd: dir });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/package\.json "start": "node worker\.js" runs worker\.js, which exports nothing and calls no listen\(\) and loads no other file/);
    expect(existsSync(join(dir, 'zap.json'))).toBe(false);
  });

  test('a listen() guarded by require.main is fine', async () => {
    const dir = project({ 'app.js': "const express = require('express');\nconst app = express();\nif (require.main === module) app.listen(3000);\nmodule.exports = app;\n" });
    expect((await runZapInProcess(['init'], { cwd: dir })).code).toBe(0);
    expect(readSettings(dir).dev.app).toBe('app.js');
  });

  test('never overwrites an existing zap.json', async () => {
    const dir = project({ 'app.js': "const app = require('express')();\nmodule.exports = app;\n", 'zap.json': '{"mine": {}}' });
    const res = await runZapInProcess(['init'], { cwd: dir });
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/already exists/);
    expect(readFileSync(join(dir, 'zap.json'), 'utf8')).toBe('{"mine": {}}');
  });

  test('-C runs it in another folder; a missing folder is named', async () => {
    const dir = project({ 'app.js': "const app = require('express')();\nmodule.exports = app;\n" });
    expect((await runZapInProcess(['-C', dir, 'init'], { cwd: tmpdir() })).code).toBe(0);
    expect(readSettings(dir).dev.app).toBe('app.js');
    const missing = await runZapInProcess(['-C', join(dir, 'nope'), 'init'], { cwd: tmpdir() });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/-C .*nope: no such folder/);
  });

  test('a listen() only behind require.main, with no export, never runs on Lambda: init says so, and takes the app module instead', async () => {
    const server = "const app = require('./app');\nif (require.main === module) app.listen(3000);\n";
    const alone = project({ 'server.js': server.replace("require('./app')", "require('express')()") }, { scripts: { start: 'node server.js' } });
    const refused = await runZapInProcess(['init'], { cwd: alone });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/runs server\.js, which calls listen\(\) only behind require\.main, which is never true on Lambda, and exports no app.*export the app/);
    const withApp = project({ 'server.js': server, 'app.js': "const app = require('express')();\nmodule.exports = app;\n" }, { scripts: { start: 'node server.js' } });
    const res = await runZapInProcess(['init'], { cwd: withApp });
    expect(res.code).toBe(0);
    expect(readSettings(withApp).dev.app).toBe('app.js');
    expect(res.stdout).toMatch(/found app\.js \(package\.json "start": "node server\.js" runs server\.js, .*; this file is where apps usually live\): exports the app/);
  });

  test('files that serve nothing are named in the message', async () => {
    const res = await runZapInProcess(['init'], { cwd: project({ 'index.js': "module.exports = { add: (a, b) => a + b };\n" }) });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/found: index\.js exports nothing and calls no listen\(\)/);
  });

  test('no app at all says how to name one', async () => {
    const res = await runZapInProcess(['init'], { cwd: project({}) });
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/no Express app found: looked at package\.json \(no "start" script or "main"\), src\/app\.ts.*--app/);
  });
});

describe('zap init: the region comes from the AWS SDK chain, and init says from where', () => {
  const APP = { 'src/app.ts': "import express from 'express';\nexport const app = express();\n" };

  /** An environment with no region anywhere unless given: no AWS_REGION, a config file of our own, no home config. */
  function awsEnv(opts: { region?: string; config?: string; profile?: string } = {}): NodeJS.ProcessEnv {
    const home = mkdtempSync(join(tmpdir(), 'zap-init-home-'));
    const config = join(home, 'aws-config');
    if (opts.config !== undefined) writeFileSync(config, opts.config);
    return {
      HOME: home,
      AWS_CONFIG_FILE: config,
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
      AWS_REGION: opts.region,
      AWS_DEFAULT_REGION: undefined,
      AWS_PROFILE: opts.profile,
    };
  }

  test("the profile's region in the AWS config file is written, and init names the profile and the file", async () => {
    const env = awsEnv({ config: '[default]\nregion = us-east-2\n\n[profile work]\nregion = ap-southeast-2\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\n\n[sso-session corp]\nsso_region = eu-west-1\nsso_start_url = https://corp.awsapps.com/start\n' });
    const dir = project(APP);
    const res = await runZapInProcess(['init'], { cwd: dir, env });
    expect(res.code).toBe(0);
    expect(readSettings(dir).dev.aws_region).toBe('us-east-2');
    expect(res.stdout).toContain(`region us-east-2 (from profile "default" in ${env.AWS_CONFIG_FILE})`);

    // An SSO profile chosen with AWS_PROFILE: its own region (not the SSO portal's region).
    const sso = project(APP);
    const viaSso = await runZapInProcess(['init'], { cwd: sso, env: { ...env, AWS_PROFILE: 'work' } });
    expect(viaSso.code).toBe(0);
    expect(readSettings(sso).dev.aws_region).toBe('ap-southeast-2');
    expect(viaSso.stdout).toContain(`region ap-southeast-2 (from profile "work" in ${env.AWS_CONFIG_FILE})`);

    // --profile names it too.
    const flag = project(APP);
    expect((await runZapInProcess(['init', '--profile', 'work', '--json'], { cwd: flag, env })).stdout).toContain('"region":{"region":"ap-southeast-2","from":"profile \\"work\\"');
  });

  test('AWS_REGION wins over the profile, as in the SDK, and init says so', async () => {
    const env = awsEnv({ region: 'eu-central-1', config: '[default]\nregion = us-east-2\n' });
    const dir = project(APP);
    const res = await runZapInProcess(['init'], { cwd: dir, env });
    expect(res.code).toBe(0);
    expect(readSettings(dir).dev.aws_region).toBe('eu-central-1');
    expect(res.stdout).toContain('region eu-central-1 (from AWS_REGION)');
  });

  test('--region wins over both', async () => {
    const dir = project(APP);
    const res = await runZapInProcess(['init', '--region', 'sa-east-1'], { cwd: dir, env: awsEnv({ region: 'eu-central-1', config: '[default]\nregion = us-east-2\n' }) });
    expect(readSettings(dir).dev.aws_region).toBe('sa-east-1');
    expect(res.stdout).toContain('region sa-east-1 (from --region)');
  });

  test('with no region anywhere, zap.json names none (no us-east-1 guess) and init says how to set one', async () => {
    const dir = project(APP);
    const res = await runZapInProcess(['init'], { cwd: dir, env: awsEnv({ config: '[default]\noutput = json\n' }) });
    expect(res.code).toBe(0);
    expect(readSettings(dir).dev).not.toHaveProperty('aws_region');
    expect(res.stdout).toContain('no AWS region found, so zap.json names none: set aws_region in zap.json, pass --region, or set AWS_REGION');
    // The file is valid as written: a later deploy with AWS_REGION set uses that region.
    expect(readSettings(dir).dev.app).toBe('src/app.ts#app');
  });
});
