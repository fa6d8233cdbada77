import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runZap } from '../helpers/cli';
import { runZapInProcess } from '../helpers/cli-in-process';
import { sampleAppCopy } from '../helpers/deployed';

let copy: Awaited<ReturnType<typeof sampleAppCopy>>;
beforeAll(async () => {
  copy = await sampleAppCopy();
});
afterAll(() => copy?.remove());

// The first tests run the built CLI, for the exit codes a shell sees (2 and 1); the rest run it in-process.
// Nothing listens on port 9 of loopback: any AWS call would fail loudly, so none may be made.
const env = { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_REGION: 'eu-west-1' };

test('bad settings are refused before any AWS call, with exit code 2 and every problem named', async () => {
  copy.setDev({ keep_warm: -1, memory_size: 64 });
  const res = await runZap(['deploy', 'dev', '--verbose'], { cwd: copy.dir, env });
  expect(res.code).toBe(2);
  expect(res.stderr).toMatch(/stage 'dev', key 'keep_warm': got -1, expected false, true or a whole number 1\.\.100/);
  expect(res.stderr).toMatch(/stage 'dev', key 'memory_size': got 64/);
  expect(res.stderr).not.toMatch(/^aws: /m);
});

test('an unknown stage names the stages there are', async () => {
  copy.setDev({ keep_warm: 2, memory_size: 512 });
  const res = await runZapInProcess(['deploy', 'staging'], { cwd: copy.dir, env });
  expect(res.code).toBe(2);
  expect(res.stderr).toMatch(/no stage 'staging'.*stages: dev, prod/);
});

test('an unreachable endpoint says so instead of printing a stack', async () => {
  const res = await runZap(['status', 'dev'], { cwd: copy.dir, env });
  expect(res.code).toBe(1);
  expect(res.stderr).toMatch(/cannot reach the AWS endpoint/);
  expect(res.stderr).not.toMatch(/\n\s+at /);
});

test('invoke needs exactly one of --path and --event', async () => {
  const res = await runZapInProcess(['invoke', 'dev'], { cwd: copy.dir, env });
  expect(res.code).toBe(2);
  expect(res.stderr).toMatch(/give one of --path .*, --event .* or --task/);
  writeFileSync(join(copy.dir, 'bad.json'), '{nope');
  const bad = await runZapInProcess(['invoke', 'dev', '--event', 'bad.json'], { cwd: copy.dir, env });
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/--event bad\.json: not valid JSON/);
});

test('no credentials anywhere gets one message that says how to set them', async () => {
  const res = await runZapInProcess(['status', 'dev'], {
    cwd: copy.dir,
    env: { ...env, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_PROFILE: undefined, AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', AWS_EC2_METADATA_DISABLED: 'true' },
  });
  expect(res.code).toBe(1);
  expect(res.stderr).toMatch(/^zap: no AWS credentials found: set AWS_PROFILE .* or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/m);
  expect(res.stderr).not.toMatch(/\n\s+at /);
});

test('no region anywhere says where to set one', async () => {
  copy.setDev({ aws_region: undefined });
  const res = await runZapInProcess(['status', 'dev'], { cwd: copy.dir, env: { ...env, AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined, AWS_CONFIG_FILE: '/nonexistent' } });
  expect(res.code).toBe(2);
  expect(res.stderr).toMatch(/no AWS region: set aws_region in zap\.json, pass --region, or set AWS_REGION \(or a region in your AWS profile\)/);
  copy.setDev({ aws_region: 'eu-west-1' });
});
