import {
  DeleteRuleCommand, DescribeRuleCommand, DisableRuleCommand, EnableRuleCommand, ListRulesCommand, ListTagsForResourceCommand,
  ListTargetsByRuleCommand, PutRuleCommand, PutTargetsCommand, RemoveTargetsCommand, ResourceNotFoundException,
  TagResourceCommand, UntagResourceCommand,
} from '@aws-sdk/client-eventbridge';
import { AddPermissionCommand, CreateAliasCommand, CreateFunctionCommand, PublishVersionCommand } from '@aws-sdk/client-lambda';
import { createRole, eventually, HANDLER_JS, startHarness, zipOf, type Harness } from './helpers';

const RULE_ARN = (n: string) => `arn:aws:events:us-east-1:000000000000:rule/${n}`;
const FN = 'arn:aws:lambda:us-east-1:000000000000:function:warm';

async function withFunction(h: Harness): Promise<void> {
  const role = await createRole(h);
  await h.lambda.send(new CreateFunctionCommand({ FunctionName: 'warm', Role: role, Runtime: 'nodejs24.x', Handler: 'index.handler', Code: { ZipFile: await zipOf({ 'index.js': HANDLER_JS }) } }));
  await h.lambda.send(new PublishVersionCommand({ FunctionName: 'warm' }));
  await h.lambda.send(new CreateAliasCommand({ FunctionName: 'warm', Name: 'live', FunctionVersion: '1' }));
}

const clock = async (h: Harness, rule?: string) =>
  (await (await fetch(`${h.emu.endpoint}/_zap/clock`, { method: 'POST', body: JSON.stringify(rule ? { rule } : {}) })).json()) as { fired: any[] };

describe('rules API', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  test.each(['rate(1 minutes)', 'rate(5 minute)', 'rate(0 minutes)', 'rate(1 second)', 'cron(0 12 * * ?)', 'cron(0 12 * * * *)', 'every 5 minutes'])(
    'PutRule refuses %s', async (expr) => {
      const err = await h.events.send(new PutRuleCommand({ Name: 'bad', ScheduleExpression: expr })).catch((e) => e);
      expect(err.name).toBe('ValidationException');
      expect(err.message).toBe('Parameter ScheduleExpression is not valid.');
    },
  );

  test('PutRule, DescribeRule, Enable/Disable, ListRules with prefix and paging', async () => {
    const r = await h.events.send(new PutRuleCommand({ Name: 'zap-a', ScheduleExpression: 'rate(1 minute)', Description: 'd' }));
    expect(r.RuleArn).toBe(RULE_ARN('zap-a'));
    await h.events.send(new PutRuleCommand({ Name: 'zap-b', ScheduleExpression: 'cron(0/5 * * * ? *)', State: 'DISABLED' }));
    await h.events.send(new PutRuleCommand({ Name: 'other', ScheduleExpression: 'rate(5 minutes)' }));
    const d = await h.events.send(new DescribeRuleCommand({ Name: 'zap-a' }));
    expect(d).toMatchObject({ Name: 'zap-a', Arn: RULE_ARN('zap-a'), ScheduleExpression: 'rate(1 minute)', State: 'ENABLED', EventBusName: 'default' });
    await h.events.send(new DisableRuleCommand({ Name: 'zap-a' }));
    expect((await h.events.send(new DescribeRuleCommand({ Name: 'zap-a' }))).State).toBe('DISABLED');
    await h.events.send(new EnableRuleCommand({ Name: 'zap-a' }));
    await expect(h.events.send(new DescribeRuleCommand({ Name: 'none' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(h.events.send(new EnableRuleCommand({ Name: 'none' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    const p1 = await h.events.send(new ListRulesCommand({ NamePrefix: 'zap-', Limit: 1 }));
    const p2 = await h.events.send(new ListRulesCommand({ NamePrefix: 'zap-', Limit: 1, NextToken: p1.NextToken }));
    expect([...p1.Rules!, ...p2.Rules!].map((x) => x.Name)).toEqual(['zap-a', 'zap-b']);
    expect(p2.NextToken).toBeUndefined();
  });

  test('targets: put, list, remove; DeleteRule refuses while targets remain', async () => {
    await h.events.send(new PutTargetsCommand({ Rule: 'zap-a', Targets: [{ Id: 't1', Arn: FN, Input: '{"zap":"keep_warm","concurrency":2}' }] }));
    const t = await h.events.send(new ListTargetsByRuleCommand({ Rule: 'zap-a' }));
    expect(t.Targets).toEqual([{ Id: 't1', Arn: FN, Input: '{"zap":"keep_warm","concurrency":2}' }]);
    const bad = await h.events.send(new PutTargetsCommand({ Rule: 'zap-a', Targets: [{ Id: 't2', Arn: FN, Input: '{nope' }] })).catch((e) => e);
    expect(bad.name).toBe('ValidationException');
    await expect(h.events.send(new PutTargetsCommand({ Rule: 'none', Targets: [{ Id: 't', Arn: FN }] }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    const del = await h.events.send(new DeleteRuleCommand({ Name: 'zap-a' })).catch((e) => e);
    expect(del.name).toBe('ValidationException');
    await h.events.send(new RemoveTargetsCommand({ Rule: 'zap-a', Ids: ['t1'] }));
    await h.events.send(new DeleteRuleCommand({ Name: 'zap-a' }));
    await expect(h.events.send(new DescribeRuleCommand({ Name: 'zap-a' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  test('tags on rules', async () => {
    await h.events.send(new TagResourceCommand({ ResourceARN: RULE_ARN('zap-b'), Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] }));
    await h.events.send(new UntagResourceCommand({ ResourceARN: RULE_ARN('zap-b'), TagKeys: ['a'] }));
    expect((await h.events.send(new ListTagsForResourceCommand({ ResourceARN: RULE_ARN('zap-b') }))).Tags).toEqual([{ Key: 'b', Value: '2' }]);
    await expect(h.events.send(new ListTagsForResourceCommand({ ResourceARN: RULE_ARN('none') }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('schedules', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ timeScale: 600 });
    await withFunction(h);
    await h.events.send(new PutRuleCommand({ Name: 'warm', ScheduleExpression: 'rate(1 minute)', State: 'DISABLED' }));
    await h.events.send(new PutTargetsCommand({ Rule: 'warm', Targets: [{ Id: 'w', Arn: `${FN}:live`, Input: '{"zap":"keep_warm","concurrency":1}' }] }));
  });
  afterEach(() => h.close());

  const allow = () =>
    h.lambda.send(new AddPermissionCommand({ FunctionName: 'warm', Qualifier: 'live', StatementId: 'ev', Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', SourceArn: RULE_ARN('warm') }));

  test('without the events.amazonaws.com permission a target is not invoked', async () => {
    await h.events.send(new EnableRuleCommand({ Name: 'warm' }));
    const { fired } = await clock(h, 'warm');
    expect(fired).toEqual([expect.objectContaining({ rule: 'warm', target: `${FN}:live`, invoked: false, reason: expect.stringMatching(/does not allow events\.amazonaws\.com/) })]);
    expect(h.pool.calls).toHaveLength(0);
  });

  test('a permission for another rule does not count', async () => {
    await h.lambda.send(new AddPermissionCommand({ FunctionName: 'warm', Qualifier: 'live', StatementId: 'ev', Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', SourceArn: RULE_ARN('other') }));
    await h.events.send(new EnableRuleCommand({ Name: 'warm' }));
    expect((await clock(h)).fired[0].invoked).toBe(false);
  });

  test('/_zap/clock fires now and waits; the alias target gets the constant input', async () => {
    await allow();
    const disabled = await clock(h, 'warm');
    expect(disabled.fired[0]).toMatchObject({ invoked: false, reason: 'rule is DISABLED' });
    await h.events.send(new EnableRuleCommand({ Name: 'warm' }));
    const { fired } = await clock(h, 'warm');
    expect(fired[0]).toMatchObject({ invoked: true, result: { echo: { zap: 'keep_warm', concurrency: 1 }, version: '1' } });
    expect(h.pool.calls.at(-1)!.opts.invokedFunctionArn).toBe(`${FN}:live`);
  });

  test('with a time scale, rate(1 minute) fires about every 100 ms', async () => {
    await allow();
    await h.events.send(new EnableRuleCommand({ Name: 'warm' }));
    await eventually(() => expect(h.pool.calls.length).toBeGreaterThanOrEqual(3), 5000);
    const history = (await (await fetch(`${h.emu.endpoint}/_zap/schedules`)).json()) as { fired: any[] };
    expect(history.fired.filter((f) => f.invoked).length).toBeGreaterThanOrEqual(3);
  });
});
