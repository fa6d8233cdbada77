import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startEmulator, type Emulator } from '../../src/emulator';
import type { CliResult } from './cli';
import { runZapInProcess } from './cli-in-process';
import { NO_DELAYS, UNTHROTTLED } from './deployed';
import { answersUnderNode, fixtureCopy, sourceDigest } from './fixture-apps';
import { requestRoutes } from './route-answers';
import { FIXTURES } from '../fixtures/routes';

/** A failed command shows what the user would have seen. */
function succeeded(what: string, res: CliResult): CliResult {
  if (res.code !== 0) throw new Error(`${what} exited ${res.code}:\n${res.stderr}\n${res.stdout}`);
  return res;
}

/**
 * For each named fixture app: `zap init && zap deploy dev` on an unchanged copy, into one emulator per
 * test file (the apps of a file deploy one after another; the files run in parallel).
 */
export function describeUnchangedApps(names: string[]): void {
  jest.setTimeout(240_000);
  let emulator: Emulator;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    emulator = await startEmulator({ region: 'eu-west-1', delays: NO_DELAYS, resources: UNTHROTTLED });
    env = { AWS_ENDPOINT_URL: emulator.endpoint, AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
  });
  afterAll(async () => {
    await emulator?.close();
  });
  const fixtures = names.map((n) => {
    const f = FIXTURES.find((x) => x.name === n);
    if (!f) throw new Error(`no fixture app named ${n} in test/fixtures/routes.ts`);
    return f;
  });
  describe.each(fixtures.map((f) => [f.name, f] as const))('%s', (name, fixture) => {
    test(`deploys unchanged with zap init && zap deploy, and answers every route as under plain node (${fixture.shape}, Express ${fixture.express})`, async () => {
      const copy = fixtureCopy(name);
      try {
        const underNode = await answersUnderNode(copy.dir, fixture.routes);
        const source = sourceDigest(copy.dir);
        // The CLI in this process: these tests are about the apps, not the process (test/cli covers the binary).
        const zap = (args: string[]) => runZapInProcess(args, { cwd: copy.dir, env });

        succeeded('zap init', await zap(['init', '--region', 'eu-west-1']));
        // The only edit: a project name of its own, so resources never clash with another test's.
        const file = join(copy.dir, 'zap.json');
        const settings = JSON.parse(readFileSync(file, 'utf8'));
        settings.dev.project_name = `fx${randomBytes(3).toString('hex')}`;
        writeFileSync(file, JSON.stringify(settings, null, 2));

        const deploy = succeeded('zap deploy dev', await zap(['deploy', 'dev', '--json']));
        const { url } = JSON.parse(deploy.stdout.trim().split('\n').pop()!) as { url: string };

        expect(await requestRoutes(url, fixture.routes)).toEqual(underNode);
        expect(sourceDigest(copy.dir)).toBe(source); // zap wrote zap.json and its build folder, nothing else
      } finally {
        copy.remove();
      }
    });
  });
}
