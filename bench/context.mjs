// What the rows measure against, built once per run: zap's artifact and the conventional baseline.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLE_APP, packageSample, require, tempDir, unzip } from './lib.mjs';

/**
 * The baseline: the sample app compiled file by file (not bundled), its dependencies loaded from
 * node_modules, behind bare @codegenie/serverless-express or serverless-http, as a hand-written
 * Lambda handler would do it.
 */
async function buildBaseline(dir) {
  const { build } = require('esbuild');
  await build({
    entryPoints: [join(SAMPLE_APP, 'src', '*.ts')],
    outdir: join(dir, 'src'),
    format: 'cjs',
    platform: 'node',
    target: 'node24',
    logLevel: 'error',
  });
  writeFileSync(join(dir, 'serverless-express.js'), `const se = require('@codegenie/serverless-express');\nconst { app } = require('./src/app.js');\nexports.handler = se({ app });\n`);
  writeFileSync(join(dir, 'serverless-http.js'), `const serverless = require('serverless-http');\nconst { app } = require('./src/app.js');\nexports.handler = serverless(app);\n`);
  writeFileSync(join(dir, 'empty.js'), `exports.handler = async (event, context) => ({ ok: true });\n`);
}

export async function makeContext() {
  const work = tempDir('ctx');
  const packaged = packageSample(join(work, 'out'));
  const taskDir = join(work, 'task');
  await unzip(packaged.artifact, taskDir);
  const baselineDir = join(work, 'baseline');
  mkdirSync(baselineDir, { recursive: true });
  await buildBaseline(baselineDir);
  return { work, packaged, taskDir, baselineDir };
}
