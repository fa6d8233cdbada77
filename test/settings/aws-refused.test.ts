/**
 * zap.json files AWS would refuse: `zap deploy` refuses each with exit 2 before any AWS call,
 * naming the key; and the emulator, sent what zap would have sent, refuses it too.
 */
import { CreateLogGroupCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { PutRuleCommand } from '@aws-sdk/client-eventbridge';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { CreateFunctionCommand } from '@aws-sdk/client-lambda';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { functionConfig, trustPolicy } from '../../src/deploy/desired';
import { namesFor, ownershipTags } from '../../src/contracts/names';
import { resolveExtends, withDefaults } from '../../src/settings/resolve';
import { validateSettingsFile } from '../../src/settings/validate';
import type { StageSettings } from '../../src/settings/types';
import { createRole, HANDLER_JS, startHarness, zipOf, type Harness } from '../emulator/api/helpers';
import { runZapInProcess } from '../helpers/cli-in-process';
import { awsTripwire } from '../helpers/tripwire';

const CORPUS = join(__dirname, 'aws-refused');
const files = readdirSync(CORPUS).filter((f) => f.endsWith('.json')).sort();

function stageOf(file: Record<string, unknown>): string {
  const stages = Object.keys(file);
  return stages.includes('dev') ? 'dev' : stages[stages.length - 1]!;
}

/** The key the file is about: the one its stage sets besides app and extends. */
function keyOf(file: Record<string, Record<string, unknown>>, stage: string): string {
  const keys = Object.keys(file[stage]!).filter((k) => k !== 'app' && k !== 'extends');
  if (keys.length !== 1) throw new Error(`corpus file must set one key besides app/extends; got ${keys.join(', ')}`);
  return keys[0]!;
}

function project(file: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'zap-refused-'));
  writeFileSync(join(dir, 'zap.json'), readFileSync(join(CORPUS, file)));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'shop' }));
  return dir;
}

describe('zap deploy refuses each file before any AWS call', () => {
  // Every AWS call would reach this server: it must see none.
  const requests = awsTripwire();

  test('the corpus holds at least 30 files', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  test.each(files)('%s', async (name) => {
    const file = JSON.parse(readFileSync(join(CORPUS, name), 'utf8'));
    const stage = stageOf(file);
    const key = keyOf(file, stage);
    const res = await runZapInProcess(['deploy', stage], project(name));
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`zap.json: stage '${stage}', key '${key}`);
    // One line per problem, each naming the file, the stage and the key; no stack.
    for (const line of res.stderr.trim().split('\n')) expect(line).toMatch(/^(zap: )?zap\.json: stage '[^']+', key '/);
    expect(res.stderr).not.toMatch(/\n\s+at /);
    expect(requests).toEqual([]);
  });

  test('every problem in a file is reported at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zap-refused-'));
    writeFileSync(join(dir, 'zap.json'), JSON.stringify({ dev: { app: 'a.js', memory_size: 64, tags: { 'aws:x': 'y', team: 'a, b' }, environment_variables: { A: '1' } } }));
    const res = await runZapInProcess(['deploy', 'dev'], dir);
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n')).toEqual([
      `zap: zap.json: stage 'dev', key 'memory_size': got 64, expected a whole number of MB from 128 to 10240`,
      `zap.json: stage 'dev', key 'tags.aws:x': the "aws:" prefix is reserved by AWS; choose another key`,
      `zap.json: stage 'dev', key 'tags.team': got "a, b", which has "," (not allowed); expected letters, digits, spaces and _ . : / = + - @ only (AWS tag values)`,
      `zap.json: stage 'dev', key 'environment_variables.A': got the name "A", expected 2 or more characters, a letter first, then letters, digits or "_" (Lambda's pattern [a-zA-Z][a-zA-Z0-9_]+)`,
    ]);
    expect(requests).toEqual([]);
  });
});

/** What deploy would send for a stage, built without zap's checks (they would stop it first). */
function unchecked(file: Record<string, unknown>, stage: string): StageSettings {
  const { settings } = resolveExtends(file, stage);
  return withDefaults({ ...(settings as Partial<StageSettings>), stage, project_name: (settings.project_name as string) ?? 'shop', app: 'a.js' });
}

describe('the emulator refuses what zap would have sent for each file', () => {
  let h: Harness;
  let role: string;
  let zip: Uint8Array;

  beforeAll(async () => {
    h = await startHarness();
    role = await createRole(h, 'corpus-role');
    zip = await zipOf({ 'index.js': HANDLER_JS });
  });
  afterAll(() => h?.close());

  /** Each call deploy makes with the settings in it; the outcome of each, as AWS's error code or "ok". */
  async function send(s: StageSettings): Promise<Record<string, string>> {
    const n = namesFor(s);
    const tags = { ...s.tags, ...ownershipTags(n) };
    const outcome = (p: Promise<unknown>) => p.then(() => 'ok', (err: { name: string; $fault?: string }) => (err.$fault === 'client' ? err.name : `not a client error: ${err.name}`));
    const calls: Record<string, Promise<string>> = {
      CreateLogGroup: outcome(h.logs.send(new CreateLogGroupCommand({ logGroupName: n.logGroup, tags }))),
      CreateRole: outcome(h.iam.send(new CreateRoleCommand({ RoleName: n.role, AssumeRolePolicyDocument: JSON.stringify(trustPolicy()), Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }))),
      CreateFunction: outcome(h.lambda.send(new CreateFunctionCommand({ ...functionConfig(s, n, s.role_arn ?? role), Code: { ZipFile: zip }, Tags: tags }))),
      PutRule: outcome(h.events.send(new PutRuleCommand({ Name: n.rule, ScheduleExpression: s.keep_warm_expression, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }))),
    };
    if (s.log_retention_days !== undefined) {
      calls.PutRetentionPolicy = calls.CreateLogGroup.then(() => outcome(h.logs.send(new PutRetentionPolicyCommand({ logGroupName: n.logGroup, retentionInDays: s.log_retention_days }))));
    }
    const out: Record<string, string> = {};
    for (const [op, p] of Object.entries(calls)) out[op] = await p;
    return out;
  }

  test.each(files)('%s', async (name) => {
    const file = JSON.parse(readFileSync(join(CORPUS, name), 'utf8'));
    const stage = stageOf(file);
    // A fresh project name per file, so one file's resources never collide with another's.
    const s = unchecked(file, stage);
    if (!file[stage].project_name) s.project_name = `p${files.indexOf(name)}`;
    const outcomes = await send(s);
    const refused = Object.entries(outcomes).filter(([, o]) => o !== 'ok');
    expect(refused.length).toBeGreaterThan(0);
    for (const [, o] of refused) expect(o).not.toMatch(/not a client error|ResourceConflict|AlreadyExists/);
    // Tags go on every resource: every one of those calls refuses them.
    if (keyOf(file, stage) === 'tags') expect(refused.map(([op]) => op).sort()).toEqual(['CreateFunction', 'CreateLogGroup', 'CreateRole', 'PutRule']);
  });

  test('settings at the limits pass zap and the emulator alike', async () => {
    const atLimits = {
      dev: {
        app: 'a.js',
        project_name: 'p'.repeat(30),
        tags: { ...Object.fromEntries(Array.from({ length: 47 }, (_, i) => [`t${i}`, 'x'])), ['k'.repeat(128)]: 'v'.repeat(256) },
        // {"AB":"…","ZAP_KEEP_WARM_PRIME":"true","ZAP_COMPILE_CACHE":"on"} is 63 bytes besides the value; é is 2.
        environment_variables: { AB: 'é'.repeat(2016) },
      },
      // A function name of exactly 64 characters.
      'a-stage-name-of-29-characters': { app: 'a.js', project_name: 'p'.repeat(34), tags: { 'Team Name_.:/=+-@': 'Zürich 東京 = ok' } },
    };
    expect(validateSettingsFile(atLimits)).toEqual([]);
    for (const stage of Object.keys(atLimits)) expect(await send(unchecked(atLimits, stage))).toEqual({ CreateLogGroup: 'ok', CreateRole: 'ok', CreateFunction: 'ok', PutRule: 'ok' });
  });
});
