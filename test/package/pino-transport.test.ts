/**
 * Express with pino-http and pino transports as pino's docs write them (pino-pretty and pino/file,
 * each run in a worker thread that loads its target by name). Packaged, unzipped and served by a
 * fresh Node 24 process with nothing to resolve from but the zip, as on Lambda.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildArtifact, type Artifact } from '../helpers/artifact';
import { ArtifactProcess } from '../helpers/artifact-process';
import { functionUrlClient } from '../helpers/artifact-client';
import { fixtureCopy } from '../helpers/fixture-apps';
import type { SampleClient } from '../behaviour/sample-app';

let copy: ReturnType<typeof fixtureCopy> | undefined;
let artifact: Artifact;
let container: ArtifactProcess | undefined;
let client: SampleClient;

beforeAll(async () => {
  copy = fixtureCopy('pino-transport');
  writeFileSync(join(copy.dir, 'zap.json'), JSON.stringify({ dev: { app: 'server.js' } }));
  artifact = await buildArtifact(copy.dir, 'dev');
  // No NODE_PATH: pino's workers must find their targets in the zip, not in this repository.
  container = await new ArtifactProcess(artifact.dir, { NODE_PATH: '' }).whenReady();
  client = functionUrlClient(container);
});
afterAll(async () => {
  await container?.close();
  artifact?.cleanup();
  copy?.remove();
});

/** Transport lines come from worker threads, after the answer: wait for them, boundedly. */
async function logLine(match: RegExp): Promise<string | undefined> {
  for (let i = 0; i < 50; i++) {
    const found = container!.logs.find((l) => match.test(l));
    if (found) return found;
    await sleep(100);
  }
  return undefined;
}

test('pino and its transport targets ship unbundled, and zap package says why', () => {
  expect(artifact.result.files).toEqual(expect.arrayContaining(['node_modules/pino/lib/worker.js', 'node_modules/pino/file.js', 'node_modules/pino-pretty/index.js', 'node_modules/thread-stream/lib/worker.js']));
  expect(artifact.result.notes.join('\n')).toMatch(/pino, pino-pretty shipped unbundled from node_modules: pino's transports run in worker threads/);
  expect(artifact.result.app_boot).toMatch(/listen\(3000\)/);
});

test('the app answers as under node, and both transports write each request', async () => {
  const home = await client.request('GET', '/');
  expect([home.status, home.body.toString('utf8')]).toEqual([200, '{"ok":true}']);
  const made = await client.request('POST', '/items', { headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
  expect([made.status, made.body.toString('utf8')]).toEqual([201, '{"a":1}']);
  expect(await logLine(/^\{"level":30,.*"msg":"home"\}$/)).toBeDefined(); // pino/file to stdout
  expect(await logLine(/^\[[\d:.]+\] INFO \(\d+\): create$/)).toBeDefined(); // pino-pretty
  expect(await logLine(/"msg":"request completed"/)).toBeDefined(); // pino-http, as under node
});

test('pino without a transport stays bundled: only transports run in worker threads', async () => {
  const { makeProject } = await import('../helpers/artifact-project');
  const { workerPackages } = await import('../../src/package/worker-packages');
  const plain = makeProject({ 'package.json': JSON.stringify({ name: 'plain-pino', dependencies: { express: '^4', 'pino-http': '^11' } }), 'src/app.js': `const pino = require('pino-http')();\nmodule.exports = require('express')().use(pino);\n` });
  try {
    expect(workerPackages(plain.dir, [])).toEqual([]);
    writeFileSync(join(plain.dir, 'src/logger.js'), `module.exports = require('pino')({ transport: { target: 'pino/file', options: { destination: 1 } } });\n`);
    expect(workerPackages(plain.dir, [])).toEqual(['pino']);
  } finally {
    plain.cleanup();
  }
});
