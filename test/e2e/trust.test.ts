/** Issue cases against the emulator through the CLI (run in-process): AWS errors zap has no rule for, undeploy's report, refused settings. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UNTHROTTLED, deploySampleApp, type DeployedStage } from '../helpers/deployed';

let stage: DeployedStage;
let fn: string;

beforeAll(async () => {
  // No Function URL and no keep-warm rule: undeploy must not claim to remove them.
  stage = await deploySampleApp({ dev: { http: 'none', keep_warm: false }, cli: 'in-process', emulator: { resources: UNTHROTTLED } });
  fn = `${JSON.parse(readFileSync(join(stage.dir, 'zap.json'), 'utf8')).dev.project_name}-dev`;
});
afterAll(() => stage?.close());

test('an AWS error zap has no rule for (IAM ValidationError) is one line naming the call, the code, the message and what to try', async () => {
  stage.emulator.faults.add({ operation: 'GetRole', error: 'ValidationError', status: 400, message: "1 validation error detected: Value at 'roleName' failed to satisfy constraint" });
  const res = await stage.zap(['undeploy', 'dev', '--yes']);
  expect(res.code).toBe(1);
  expect(res.stderr).toBe("zap: AWS GetRole failed: ValidationError: 1 validation error detected: Value at 'roleName' failed to satisfy constraint; AWS refused a value zap sent: check that stage in zap.json, run again with --verbose to see each call, and report it if zap should have caught it first\n");

  stage.emulator.faults.add({ operation: 'GetRole', error: 'ValidationError', status: 400, message: 'again' });
  const verbose = await stage.zap(['undeploy', 'dev', '--yes', '--verbose']);
  expect(verbose.code).toBe(1);
  expect(verbose.stderr).toMatch(/^zap: AWS GetRole failed: ValidationError: again; /m);
  expect(verbose.stderr).toMatch(/\n\s+at /);
  expect(verbose.stderr).not.toMatch(/a bug in zap/);
  // --verbose names each AWS call (the next test relies on this to see that none was made).
  expect(verbose.stderr).toMatch(/^aws: IAM GetRole$/m);
  // Nothing was removed by either attempt: the error came before any delete.
  expect(stage.emulator.data.functions[fn]).toBeDefined();
});

test('settings AWS would refuse stop deploy before it sends anything to the emulator', async () => {
  const before = JSON.stringify(stage.emulator.data);
  const zapJson = join(stage.dir, 'zap.json');
  const saved = readFileSync(zapJson, 'utf8');
  const settings = JSON.parse(saved);
  settings.dev.tags = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`t${i}`, 'x']));
  settings.dev.environment_variables = { A: '1' };
  writeFileSync(zapJson, JSON.stringify(settings));
  try {
    const res = await stage.zap(['deploy', 'dev']);
    expect(res.code).toBe(2);
    // prod extends dev, so it inherits the tags: every stage's problems are named at once.
    expect(res.stderr.trim().split('\n')).toEqual([
      `zap: zap.json: stage 'dev', key 'environment_variables.A': got the name "A", expected 2 or more characters, a letter first, then letters, digits or "_" (Lambda's pattern [a-zA-Z][a-zA-Z0-9_]+)`,
      `zap.json: stage 'dev', key 'tags': got 49 tags, expected at most 48: AWS allows 50 per resource and zap adds zap:project and zap:stage`,
      `zap.json: stage 'prod', key 'tags': got 49 tags, expected at most 48: AWS allows 50 per resource and zap adds zap:project and zap:stage`,
    ]);
    // --verbose prints every AWS call as "aws: <service> <operation>": there is none.
    const verbose = await stage.zap(['deploy', 'dev', '--verbose']);
    expect(verbose.code).toBe(2);
    expect(verbose.stderr).not.toMatch(/^aws: /m);
    expect(JSON.stringify(stage.emulator.data)).toBe(before);
  } finally {
    writeFileSync(zapJson, saved);
  }
});

test('undeploy reports only what it removed: no Function URL or rule where there was none', async () => {
  const res = await stage.zap(['undeploy', 'dev', '--yes']);
  expect(res.code).toBe(0);
  const removed = res.stderr.split('\n').filter((l) => /removed/.test(l));
  expect(removed).toEqual([expect.stringMatching(new RegExp(`removed\\s+function ${fn} \\(all versions and aliases\\)$`)), expect.stringMatching(new RegExp(`removed\\s+role ${fn}-role$`))]);
  expect(res.stderr).not.toMatch(/Function URL|keep-warm rule/);
  expect(res.stdout).toBe(`undeployed ${fn}\n`);
});
