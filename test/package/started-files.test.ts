/**
 * An app that starts files as programs of their own, as Node's docs write it: a worker thread from
 * `path.join(__dirname, ...)` and a job forked by a path relative to the working folder. Each runs
 * in a fresh module registry, so it must ship with what it requires, not only as a bare copy.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildArtifact, type Artifact } from '../helpers/artifact';
import { ArtifactProcess } from '../helpers/artifact-process';
import { functionUrlClient } from '../helpers/artifact-client';
import { makeProject, type Project } from '../helpers/artifact-project';
import { startedFiles } from '../../src/package/started-files';

let project: Project;
let artifact: Artifact;
let container: ArtifactProcess | undefined;

const APP = `const express = require('express');
const path = require('path');
const { Worker } = require('worker_threads');
const { fork } = require('child_process');

const app = express();

app.get('/fib/:n', (req, res, next) => {
  const worker = new Worker(path.join(__dirname, 'workers', 'fib.js'), { workerData: Number(req.params.n) });
  worker.on('message', (fib) => res.json({ fib }));
  worker.on('error', next);
});

app.get('/report', (req, res) => {
  const child = fork('./jobs/report.js');
  child.on('message', (m) => { res.json(m); child.kill(); });
  child.on('exit', (code) => { if (!res.headersSent) res.status(500).json({ exit: code }); });
});

module.exports = app;
`;

beforeAll(async () => {
  project = makeProject(
    {
      'src/app.js': APP,
      'src/workers/fib.js': `const { parentPort, workerData } = require('worker_threads');\nconst { label } = require('fake-format');\nconst fib = (n) => (n < 2 ? n : fib(n - 1) + fib(n - 2));\nparentPort.postMessage(label(fib(workerData)));\n`,
      'jobs/report.js': `const { label } = require('fake-format');\nconst { totals } = require('../lib/totals');\nprocess.send({ report: label(totals()) });\n`,
      'lib/totals.js': `exports.totals = () => 42;\n`,
      'zap.json': JSON.stringify({ dev: { app: 'src/app.js' } }),
    },
    {},
    ['express'],
  );
  const pkg = join(project.dir, 'node_modules', 'fake-format');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'fake-format', version: '1.0.0', main: 'index.js' }));
  writeFileSync(join(pkg, 'index.js'), 'exports.label = (v) => `value=${v}`;\n');
  artifact = await buildArtifact(project.dir, 'dev');
  container = await new ArtifactProcess(artifact.dir, { NODE_PATH: '' }).whenReady();
});
afterAll(async () => {
  await container?.close();
  artifact?.cleanup();
  project?.cleanup();
});

test('zap package ships each started file at its path and says what starts it', () => {
  const lines = artifact.result.run_time_files.map((l) => `${l.path}: ${l.reason}`);
  expect(lines).toEqual(expect.arrayContaining([
    'jobs/report.js: started by src/app.js (fork): bundled alone with what it requires',
    'src/workers/fib.js: started by src/app.js (new Worker): bundled alone with what it requires',
  ]));
  expect(artifact.result.files.some((f) => f.startsWith('node_modules/'))).toBe(false);
});

test('the worker thread and the forked job run from the artifact alone, as under node', async () => {
  const client = functionUrlClient(container!);
  const fib = await client.request('GET', '/fib/10');
  expect([fib.status, fib.body.toString('utf8')]).toEqual([200, '{"fib":"value=55"}']);
  const report = await client.request('GET', '/report');
  expect([report.status, report.body.toString('utf8')]).toEqual([200, '{"report":"value=42"}']);
});

test('the paths people build for them are understood; a path from data is not guessed', () => {
  const dir = project.dir;
  const file = join(dir, 'src', 'app.js');
  writeFileSync(join(dir, 'src', 'more.js'), [
    `new Worker(new URL('./workers/fib.js', import.meta.url));`,
    'new Worker(`${__dirname}/workers/fib.js`);',
    `fork(path.resolve(process.cwd(), 'jobs', 'report'));`,
    `new Worker(path.join(__dirname, name));`,
  ].join('\n'));
  const found = startedFiles(dir, [file, join(dir, 'src', 'more.js')]).map((s) => `${s.path} ${s.by} ${s.how}`);
  expect(found).toEqual(['jobs/report.js src/app.js fork', 'src/workers/fib.js src/app.js new Worker']);
  const fromMore = startedFiles(dir, [join(dir, 'src', 'more.js')]).map((s) => s.path);
  expect(fromMore).toEqual(['jobs/report.js', 'src/workers/fib.js']);
});
