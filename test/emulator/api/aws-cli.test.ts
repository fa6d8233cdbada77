// The AWS CLI (v1 here) talks to the emulator with nothing but --endpoint-url.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { hasAwsCli, startHarness, TRUST, zipOf, HANDLER_JS, type Harness } from './helpers';


const run = promisify(execFile);
let h: Harness;
const dir = mkdtempSync(join(tmpdir(), 'zap-emu-cli-'));

async function aws(...args: string[]): Promise<any> {
  const { stdout } = await run('aws', ['--endpoint-url', h.emu.endpoint, '--output', 'json', ...args], {
    timeout: 30000,
    env: { ...process.env, AWS_DEFAULT_REGION: 'us-east-1', AWS_ENDPOINT_URL: h.emu.endpoint, AWS_PAGER: '' },
  });
  return stdout.trim() ? JSON.parse(stdout) : undefined;
}

(hasAwsCli ? describe : describe.skip)('AWS CLI', () => {
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('iam create-role, lambda create-function / invoke, logs filter-log-events, events put-rule', async () => {
    const role = await aws('iam', 'create-role', '--role-name', 'cli-role', '--assume-role-policy-document', TRUST);
    expect(role.Role.Arn).toBe('arn:aws:iam::000000000000:role/cli-role');
    writeFileSync(join(dir, 'fn.zip'), await zipOf({ 'index.js': HANDLER_JS }));
    const fn = await aws('lambda', 'create-function', '--function-name', 'cli-fn', '--runtime', 'nodejs24.x', '--role', role.Role.Arn,
      '--handler', 'index.handler', '--zip-file', `fileb://${join(dir, 'fn.zip')}`);
    expect(fn).toMatchObject({ FunctionName: 'cli-fn', Runtime: 'nodejs24.x' });
    const out = join(dir, 'out.json');
    const inv = await aws('lambda', 'invoke', '--function-name', 'cli-fn', '--payload', '{"hello":"cli"}', out);
    expect(inv).toMatchObject({ StatusCode: 200, ExecutedVersion: '$LATEST' });
    expect(JSON.parse(readFileSync(out, 'utf8')).echo).toEqual({ hello: 'cli' });
    const logs = await aws('logs', 'filter-log-events', '--log-group-name', '/aws/lambda/cli-fn', '--filter-pattern', 'START');
    expect(logs.events).toHaveLength(1);
    const rule = await aws('events', 'put-rule', '--name', 'cli-rule', '--schedule-expression', 'rate(5 minutes)');
    expect(rule.RuleArn).toBe('arn:aws:events:us-east-1:000000000000:rule/cli-rule');
    await expect(aws('events', 'put-rule', '--name', 'cli-bad', '--schedule-expression', 'rate(1 minutes)')).rejects.toThrow(/ValidationException/);
    await expect(aws('lambda', 'get-function', '--function-name', 'missing')).rejects.toThrow(/ResourceNotFoundException/);
    const id = await aws('sts', 'get-caller-identity');
    expect(id.Account).toBe('000000000000');
    // Each `aws` run starts Python and botocore (about a second of CPU): a loaded machine needs room.
  }, 180_000);
});
