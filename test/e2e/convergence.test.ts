import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetAliasCommand, GetFunctionConfigurationCommand, GetPolicyCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { EventBridgeClient, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { startEmulator, type Emulator } from '../../src/emulator';
import { runZap } from '../helpers/cli';
import { FAST_DELAYS, httpRequest, sampleAppCopy } from '../helpers/deployed';

jest.setTimeout(300_000);

/** The operations deploy writes with, one per ensure step. */
const STEPS = ['CreateLogGroup', 'CreateRole', 'PutRolePolicy', 'CreateFunction', 'PublishVersion', 'CreateAlias', 'CreateFunctionUrlConfig', 'AddPermission', 'PutRule', 'PutTargets'];

let emulator: Emulator;
const copies: { remove(): void }[] = [];
beforeAll(async () => {
  emulator = await startEmulator({ region: 'eu-west-1', delays: FAST_DELAYS });
});
afterAll(async () => {
  await emulator?.close();
  copies.forEach((c) => c.remove());
});

const env = () => ({ AWS_ENDPOINT_URL: emulator.endpoint, AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' });

async function fault(operation: string): Promise<void> {
  const res = await fetch(`${emulator.endpoint}/_zap/faults`, {
    method: 'POST',
    body: JSON.stringify({ operation, error: 'AccessDeniedException', status: 403, message: `User is not authorized to perform: ${operation}`, count: 1 }),
  });
  expect(res.status).toBe(201);
}

/** What a deployed stage looks like from outside, with its own name taken out. */
async function snapshot(fn: string, url: string) {
  const cfg = { region: 'eu-west-1', endpoint: emulator.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  const lambda = new LambdaClient(cfg);
  const events = new EventBridgeClient(cfg);
  try {
    const conf = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: fn }));
    const alias = await lambda.send(new GetAliasCommand({ FunctionName: fn, Name: 'live' }));
    const policy = JSON.parse((await lambda.send(new GetPolicyCommand({ FunctionName: fn, Qualifier: 'live' }))).Policy!);
    const targets = (await events.send(new ListTargetsByRuleCommand({ Rule: `${fn}-keep-warm` }))).Targets!;
    return {
      memory: conf.MemorySize,
      env: conf.Environment?.Variables,
      code: conf.CodeSha256,
      aliasVersion: alias.FunctionVersion,
      sids: policy.Statement.map((s: { Sid: string }) => s.Sid).sort(),
      targets: targets.map((t) => ({ id: t.Id, arn: t.Arn?.replace(fn, 'FN'), input: t.Input })),
      home: (await httpRequest(url)).status,
    };
  } finally {
    lambda.destroy();
    events.destroy();
  }
}

test.each(STEPS)('a failure at %s stops deploy with a clear message, and the next deploy converges', async (operation) => {
  const copy = sampleAppCopy();
  copies.push(copy);
  const fn = `${JSON.parse(readFileSync(join(copy.dir, 'zap.json'), 'utf8')).dev.project_name}-dev`;
  await fault(operation);
  const failed = await runZap(['deploy', 'dev'], { cwd: copy.dir, env: env() });
  expect(failed.code).toBe(1);
  expect(failed.stderr).toMatch(new RegExp(`zap: AWS refused ${operation}`));

  const again = await runZap(['deploy', 'dev', '--json'], { cwd: copy.dir, env: env() });
  expect(again.stderr).toBe('');
  expect(again.code).toBe(0);
  const { url } = JSON.parse(again.stdout);
  const state = await snapshot(fn, url);
  expect(state).toMatchObject({ memory: 512, aliasVersion: '1', home: 200, sids: ['zap-keep-warm', 'zap-url', 'zap-url-invoke'] });
  expect(state.targets).toEqual([{ id: 'zap-keep-warm', arn: expect.stringMatching(/:function:FN:live$/), input: '{"zap":"keep_warm","concurrency":2}' }]);

  const third = await runZap(['deploy', 'dev'], { cwd: copy.dir, env: env() });
  expect(third.stdout).toMatch(/^nothing changed/m);
});
