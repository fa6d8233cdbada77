/**
 * The tutorial shape, unchanged, through the whole path: `zap init` picks the file `npm start` runs
 * (it builds the app after an async start and calls app.listen()), `zap deploy` puts it into the
 * embedded emulator, and the Function URL answers through the captured server's app.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startEmulator, type Emulator } from '../../src/emulator';
import { runZapInProcess } from '../helpers/cli-in-process';
import { NO_DELAYS, UNTHROTTLED, httpRequest } from '../helpers/deployed';

jest.setTimeout(180_000);

const REPO = join(__dirname, '../..');
let emulator: Emulator | undefined;
let dir: string;

afterAll(async () => {
  await emulator?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const SERVER = `const express = require('express');
const PORT = process.env.PORT || 3000;

async function connectToDatabase() {
  await new Promise((resolve) => setTimeout(resolve, 200));
  return { users: [{ id: 1, name: 'Ada' }] };
}

connectToDatabase().then((db) => {
  const app = express();
  app.get('/', (req, res) => res.send('Hello World!'));
  app.get('/users', (req, res) => res.json(db.users));
  const server = app.listen(PORT, () => {
    console.log('Example app listening on port ' + server.address().port);
  });
});
`;

test('an entry that calls app.listen() after an async start deploys as it is and serves its routes', async () => {
  dir = join(REPO, '.zap-test', `listen-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `l${randomBytes(3).toString('hex')}`, private: true, scripts: { start: 'node server.js' }, dependencies: { express: '^5.3.0' } }));
  writeFileSync(join(dir, 'server.js'), SERVER);

  emulator = await startEmulator({ region: 'eu-west-1', delays: NO_DELAYS, resources: UNTHROTTLED });
  const env = { AWS_ENDPOINT_URL: emulator.endpoint, AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
  const zap = (args: string[]) => runZapInProcess(args, { cwd: dir, env });

  const init = await zap(['init', '--region', 'eu-west-1']);
  expect(init.code).toBe(0);
  expect(init.stdout).toMatch(/found server\.js \(package\.json "start": "node server\.js"\): calls listen\(\) after an async start/);

  const deploy = await zap(['deploy', 'dev', '--json']);
  expect(deploy.stderr).not.toMatch(/warning/i);
  expect(deploy.code).toBe(0);
  const url = JSON.parse(deploy.stdout.trim().split('\n').pop()!).url as string;

  const home = await httpRequest(url);
  expect(home.status).toBe(200);
  expect(home.body.toString()).toBe('Hello World!');
  expect(JSON.parse((await httpRequest(`${url}users`)).body.toString())).toEqual([{ id: 1, name: 'Ada' }]);
  expect((await httpRequest(`${url}nope`)).status).toBe(404);
});
