import {
  DeleteRuleCommand, DescribeRuleCommand, ListRulesCommand, ListTagsForResourceCommand, ListTargetsByRuleCommand, PutRuleCommand, PutTargetsCommand,
  RemoveTargetsCommand, type Target,
} from '@aws-sdk/client-eventbridge';
import type { AwsClients } from './clients';
import { isNotFound } from './errors';

export interface RuleState {
  arn: string;
  scheduleExpression?: string;
  state?: string;
  tags: Record<string, string>;
  targets: Target[];
}

export async function getRule(c: AwsClients, name: string): Promise<RuleState | undefined> {
  try {
    const rule = await c.events.send(new DescribeRuleCommand({ Name: name }));
    const { Targets } = await c.events.send(new ListTargetsByRuleCommand({ Rule: name }));
    const { Tags } = await c.events.send(new ListTagsForResourceCommand({ ResourceARN: rule.Arn }));
    return {
      arn: rule.Arn!,
      scheduleExpression: rule.ScheduleExpression,
      state: rule.State,
      tags: Object.fromEntries((Tags ?? []).map((t) => [t.Key!, t.Value ?? ''])),
      targets: Targets ?? [],
    };
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export async function putRule(c: AwsClients, name: string, expression: string, description: string, tags: Record<string, string>): Promise<string> {
  const out = await c.events.send(
    new PutRuleCommand({ Name: name, ScheduleExpression: expression, State: 'ENABLED', Description: description, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }),
  );
  return out.RuleArn!;
}

export async function putTarget(c: AwsClients, rule: string, target: Target): Promise<void> {
  const out = await c.events.send(new PutTargetsCommand({ Rule: rule, Targets: [target] }));
  if (out.FailedEntryCount) throw new Error(`EventBridge refused the keep-warm target: ${out.FailedEntries?.[0]?.ErrorMessage}`);
}

/** Removes a rule and its targets; a missing rule is fine. */
export async function deleteRule(c: AwsClients, name: string): Promise<void> {
  try {
    const { Targets } = await c.events.send(new ListTargetsByRuleCommand({ Rule: name }));
    if (Targets?.length) await c.events.send(new RemoveTargetsCommand({ Rule: name, Ids: Targets.map((t) => t.Id!) }));
    await c.events.send(new DeleteRuleCommand({ Name: name }));
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

/** Names of the rules that start with a prefix, every page. */
export async function listRuleNames(c: AwsClients, prefix: string): Promise<string[]> {
  const names: string[] = [];
  let NextToken: string | undefined;
  for (let page = 0; page < 100; page++) {
    const out = await c.events.send(new ListRulesCommand({ NamePrefix: prefix, NextToken }));
    names.push(...(out.Rules ?? []).map((r) => r.Name!));
    NextToken = out.NextToken;
    if (!NextToken) break;
  }
  return names;
}
