/** zap.json `streaming`: refused with an HTTP API before any AWS call; a Function URL or no http at all takes it. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateSettingsFile } from '../../src/settings/validate';
import { runtimeEnvironment } from '../../src/deploy/desired';
import { withDefaults } from '../../src/settings/resolve';
import type { StageSettings } from '../../src/settings/types';
import { runZapInProcess } from '../helpers/cli-in-process';
import { awsTripwire } from '../helpers/tripwire';

// Every AWS call would reach this server: the refusal must come before any.
const requests = awsTripwire();

test('streaming with http api_gateway: exit 2 naming the reason, before any AWS call (also when inherited)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zap-streaming-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'shop' }));
  writeFileSync(join(dir, 'zap.json'), JSON.stringify({ dev: { app: 'a.js', streaming: true }, prod: { extends: 'dev', http: 'api_gateway' } }));
  const res = await runZapInProcess(['deploy', 'prod'], dir);
  expect(res.code).toBe(2);
  expect(res.stderr.trim()).toBe(
    `zap: zap.json: stage 'prod', key 'streaming': API Gateway HTTP APIs do not stream responses; set "http": "function_url" to stream, or remove "streaming"`,
  );
  expect(requests).toEqual([]);
});

test('streaming is a boolean, off by default; a Function URL or http none takes it', () => {
  expect(validateSettingsFile({ dev: { app: 'a.js', streaming: 'yes' } }, 'shop')).toEqual([`zap.json: stage 'dev', key 'streaming': got "yes", expected true or false`]);
  expect(validateSettingsFile({ dev: { app: 'a.js', streaming: true } }, 'shop')).toEqual([]);
  expect(validateSettingsFile({ dev: { app: 'a.js', streaming: true, http: 'none' } }, 'shop')).toEqual([]);
  expect(validateSettingsFile({ dev: { app: 'a.js', streaming: false, http: 'api_gateway' } }, 'shop')).toEqual([]);
});

test('streaming on a Function URL of a function in a VPC is refused: Lambda does not stream there', () => {
  const vpc_config = { SubnetIds: ['subnet-0a1b2c3d4e5f60718'], SecurityGroupIds: ['sg-0c3d4e5f60718293a'] };
  expect(validateSettingsFile({ dev: { app: 'a.js', streaming: true, vpc_config } }, 'shop')).toEqual([
    `zap.json: stage 'dev', key 'streaming': Lambda Function URLs do not stream responses for a function in a VPC; remove "vpc_config" or "streaming"`,
  ]);
  // InvokeWithResponseStream still streams from a VPC: no URL, no refusal.
  expect(validateSettingsFile({ dev: { app: 'a.js', streaming: true, vpc_config, http: 'none' } }, 'shop')).toEqual([]);
});

test('the function is told to stream only when the setting is on', () => {
  const stage = (keys: Partial<StageSettings>) => withDefaults({ stage: 'dev', project_name: 'shop', app: 'a.js', ...keys });
  expect(runtimeEnvironment(stage({}))).not.toHaveProperty('ZAP_STREAMING');
  expect(runtimeEnvironment(stage({ streaming: true }))).toMatchObject({ ZAP_STREAMING: 'on' });
});
