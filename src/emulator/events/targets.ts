import { randomUUID } from 'node:crypto';
import type { Ctx } from '../context';
import type { RuleRecord, TargetRecord } from '../model';
import type { LambdaEnv } from '../lambda/env';
import { runInvocation } from '../lambda/invoke';
import { parseFunctionName } from '../lambda/names';
import { statementsFor } from '../lambda/permissions';
import { allows } from '../lambda/policy';
import { ruleArn } from './rules';

export interface FireRecord {
  at: string;
  rule: string;
  target: string;
  invoked: boolean;
  reason?: string;
  result?: unknown;
  functionError?: string;
}

/** The event a schedule sends when the target has no constant Input. */
export function scheduledEvent(ctx: Ctx, rule: RuleRecord, time: number): string {
  return JSON.stringify({
    version: '0', id: randomUUID(), 'detail-type': 'Scheduled Event', source: 'aws.events', account: ctx.accountId,
    time: new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z'), region: ctx.region, resources: [ruleArn(ctx, rule.name)], detail: {},
  });
}

function parsePayload(buf: Buffer): unknown {
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch {
    return buf.toString('utf8');
  }
}

/**
 * Invokes one Lambda target as EventBridge does: only if the function's resource policy lets
 * events.amazonaws.com invoke it from this rule (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-lambda-permissions).
 */
export async function invokeTarget(env: LambdaEnv, rule: RuleRecord, target: TargetRecord): Promise<FireRecord> {
  const ctx = env.ctx;
  const base = { at: new Date(ctx.now()).toISOString(), rule: rule.name, target: target.Arn };
  if (!/^arn:aws[a-z-]*:lambda:/.test(target.Arn)) return { ...base, invoked: false, reason: 'only Lambda function targets are emulated' };
  let ref;
  try {
    ref = parseFunctionName(target.Arn);
  } catch {
    return { ...base, invoked: false, reason: 'target ARN is not a Lambda function ARN' };
  }
  if (!env.data.functions[ref.name]) return { ...base, invoked: false, reason: `function ${ref.name} does not exist` };
  const permitted = allows(statementsFor(env, ref.name, ref.qualifier), {
    action: 'lambda:InvokeFunction',
    principal: { service: 'events.amazonaws.com' },
    keys: { 'AWS:SourceArn': ruleArn(ctx, rule.name), 'AWS:SourceAccount': ctx.accountId },
  });
  if (!permitted) {
    return { ...base, invoked: false, reason: `the resource policy of ${target.Arn} does not allow events.amazonaws.com to invoke it from ${ruleArn(ctx, rule.name)}` };
  }
  const payload = Buffer.from(target.Input ?? scheduledEvent(ctx, rule, ctx.now()));
  try {
    const r = await runInvocation(env, ref.name, ref.qualifier, payload);
    return { ...base, invoked: true, result: parsePayload(r.payload), functionError: r.functionError };
  } catch (err) {
    return { ...base, invoked: false, reason: (err as Error).message };
  }
}
