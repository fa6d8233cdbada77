import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { defaultStage, loadStage, validateSettingsFile, scheduleExpressionProblem, schedulePeriodMs, editorSchema } from '../../src/settings';
import { SettingsError } from '../../src/core/errors';

function project(settings: unknown, pkgName = 'my-shop'): string {
  const dir = mkdtempSync(join(tmpdir(), 'zap-settings-'));
  writeFileSync(join(dir, 'zap.json'), typeof settings === 'string' ? settings : JSON.stringify(settings));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: pkgName }));
  return dir;
}

async function problemsOf(settings: unknown): Promise<string[]> {
  try {
    await loadStage(project(settings), 'dev');
  } catch (err) {
    if (err instanceof SettingsError) return err.problems;
    throw err;
  }
  return [];
}

describe('zap.json', () => {
  test('defaults fill what a stage leaves out', async () => {
    const s = await loadStage(project({ dev: { app: 'src/app.ts#app' } }, '@acme/my-shop'), 'dev');
    expect(s).toMatchObject({ stage: 'dev', project_name: 'my-shop', runtime: 'nodejs24.x', architecture: 'arm64', memory_size: 512, timeout_seconds: 30, keep_warm: 1, keep_warm_expression: 'rate(5 minutes)', keep_warm_prime: true, num_retained_versions: 5 });
  });

  test('extends inherits, overrides and merges environment variables', async () => {
    const dir = project({
      dev: { app: 'app.js', keep_warm: 2, environment_variables: { AA: '1', BB: '2' } },
      prod: { extends: 'dev', keep_warm: 5, memory_size: 1024, environment_variables: { BB: 'prod' } },
    });
    const prod = await loadStage(dir, 'prod');
    expect(prod).toMatchObject({ app: 'app.js', keep_warm: 5, memory_size: 1024, environment_variables: { AA: '1', BB: 'prod' } });
    expect((await loadStage(dir, 'dev')).keep_warm).toBe(2);
  });

  test('keep_warm true means one container and false means none', async () => {
    const dir = project({ dev: { app: 'a.js', keep_warm: true }, off: { app: 'a.js', keep_warm: false } });
    expect((await loadStage(dir, 'dev')).keep_warm).toBe(1);
    expect((await loadStage(dir, 'off')).keep_warm).toBe(0);
  });

  test('a bad value names the stage, the key, what was given and what is allowed', async () => {
    expect(await problemsOf({ dev: { app: 'a.js', keep_warm: -1 } })).toEqual([
      "zap.json: stage 'dev', key 'keep_warm': got -1, expected false, true or a whole number 1..100",
    ]);
  });

  test('http is a Function URL by default; api_gateway and none are the other entries', async () => {
    const dir = project({ dev: { app: 'a.js' }, api: { app: 'a.js', http: 'api_gateway' }, off: { app: 'a.js', http: 'none' } });
    expect((await loadStage(dir, 'dev')).http).toBe('function_url');
    expect((await loadStage(dir, 'api')).http).toBe('api_gateway');
    expect((await loadStage(dir, 'off')).http).toBe('none');
    expect(await problemsOf({ dev: { app: 'a.js', http: 'apigateway' } })).toEqual([
      `zap.json: stage 'dev', key 'http': got "apigateway", expected "function_url", "api_gateway" or "none"`,
    ]);
  });

  test('more than 100 warm containers points to provisioned concurrency', async () => {
    const [msg] = await problemsOf({ dev: { app: 'a.js', keep_warm: 500 } });
    expect(msg).toMatch(/got 500.*provisioned concurrency/);
  });

  test('every problem is reported at once, one line each, in every stage', async () => {
    const problems = validateSettingsFile({
      dev: { app: 'a.js', memory_size: 64, runtime: 'nodejs20.x', timeout: 10 },
      prod: { extends: 'dev', keep_warm_expression: 'rate(1 minutes)' },
    });
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/stage 'dev', key 'memory_size': got 64, expected a whole number of MB from 128 to 10240/);
    expect(problems.join('\n')).toMatch(/key 'runtime': got "nodejs20.x".*can no longer be created/);
    expect(problems.join('\n')).toMatch(/key 'timeout': unknown key; did you mean 'timeout_seconds'\?/);
    expect(problems.join('\n')).toMatch(/stage 'prod', key 'keep_warm_expression': got "rate\(1 minutes\)": write "rate\(1 minute\)"/);
  });

  test('unknown keys get a suggestion when one is close', () => {
    expect(validateSettingsFile({ dev: { app: 'a.js', keep_wram: 2 } })).toEqual([
      "zap.json: stage 'dev', key 'keep_wram': unknown key; did you mean 'keep_warm'?",
    ]);
  });

  test('extends cycles and missing stages are refused', async () => {
    expect((await problemsOf({ dev: { app: 'a.js', extends: 'prod' }, prod: { extends: 'dev' } }))[0]).toMatch(/cycle \(dev → prod → dev\)/);
    expect((await problemsOf({ dev: { app: 'a.js', extends: 'prdo' }, prod: {} }))[0]).toMatch(/no such stage.*did you mean 'prod'/);
    await expect(loadStage(project({ dev: { app: 'a.js' } }), 'prod')).rejects.toThrow(/no stage 'prod'.*stages: dev/);
  });

  test('a missing app, invalid JSON and reserved variables each say how to fix them', async () => {
    expect((await problemsOf({ dev: {} }))[0]).toMatch(/key 'app': missing.*zap init/);
    expect((await problemsOf('{"dev": {'))[0]).toMatch(/not valid JSON/);
    expect((await problemsOf({ dev: { app: 'a.js', environment_variables: { AWS_REGION: 'x' } } }))[0]).toMatch(/AWS_REGION is reserved/);
  });

  test('a missing zap.json exits 2 and names zap init', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zap-empty-'));
    await expect(loadStage(dir, 'dev')).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/zap init/) });
  });
});

describe('the stage a command uses when none is named (deploy, status, tail, package, local alike)', () => {
  test('the only stage, whatever its name', async () => {
    expect(await defaultStage(project({ prod: { app: 'a.js' } }))).toBe('prod');
  });
  test('dev when there are several', async () => {
    expect(await defaultStage(project({ prod: { app: 'a.js' }, dev: { app: 'a.js' } }))).toBe('dev');
  });
  test('several and no dev: the user names one', async () => {
    await expect(defaultStage(project({ prod: { app: 'a.js' }, staging: { app: 'a.js' } }))).rejects.toThrow('name a stage: zap.json has prod, staging');
  });
});

describe('schedule expressions, as EventBridge checks them', () => {
  test.each([
    ['rate(1 minute)', undefined],
    ['rate(5 minutes)', undefined],
    ['rate(2 hours)', undefined],
    ['cron(0/5 * * * ? *)', undefined],
  ])('%s is accepted', (expr, problem) => expect(scheduleExpressionProblem(expr)).toBe(problem));
  test.each(['rate(1 minutes)', 'rate(5 minute)', 'rate(0 minutes)', 'rate(5 mins)', 'cron(* * * * *)', 'cron(0 12 * * * *)', 'cron(61 * * * ? *)', 'cron(0 0 ? 13 MON *)', 'every 5 minutes'])('%s is refused', (expr) => {
    expect(scheduleExpressionProblem(expr)).toEqual(expect.any(String));
  });
  test('periods', () => {
    expect(schedulePeriodMs('rate(5 minutes)')).toBe(300_000);
    expect(schedulePeriodMs('rate(1 hour)')).toBe(3_600_000);
    expect(schedulePeriodMs('cron(0/10 * * * ? *)')).toBe(600_000);
  });
});

describe('the editor schema', () => {
  test('is the shipped zap.schema.json and accepts and refuses what the validator does', () => {
    const shipped = JSON.parse(readFileSync(join(__dirname, '../../zap.schema.json'), 'utf8'));
    expect(shipped).toEqual(editorSchema());
    const check = new Ajv({ strict: false }).compile(shipped);
    expect(check({ $schema: './x.json', dev: { app: 'src/app.ts#app', keep_warm: 3 }, prod: { extends: 'dev' } })).toBe(true);
    expect(check({ dev: { app: 'a.js', keep_warm: 101 } })).toBe(false);
    expect(check({ dev: { app: 'a.js', bogus: 1 } })).toBe(false);
  });
});
