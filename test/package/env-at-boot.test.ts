/**
 * An app that checks its configuration at boot (`if (!process.env.X) throw`): on Lambda the stage's
 * environment_variables are all it gets. zap package names the missing variable and where to set it,
 * and warns when a boot worked only because the shell running zap set a variable.
 */
import { buildArtifact } from '../helpers/artifact';
import { makeProject } from '../helpers/artifact-project';
import { missingVariablesHint, recordEnv } from '../../src/package/env-hint';

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
