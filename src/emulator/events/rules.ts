import { AwsError } from '../errors';
import type { Ctx } from '../context';
import { page } from '../context';
import type { EmulatorData, RuleRecord, TargetRecord } from '../model';
import { parseScheduleExpression, ScheduleExpressionError } from '../../contracts/schedule-expression';
import { breachMessage, tagBreach, tagMap } from '../tag-rules';

type Input = Record<string, any>;
type Op = (i: Input, ctx: Ctx, data: EmulatorData) => unknown;

const validationErr = (m: string) => new AwsError('ValidationException', m);

/** https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-tagging.html: 50 tags per rule, AWS's tag characters. */
function checkTags(tags: { Key?: string; Value?: string }[] | undefined, existing?: { Key: string; Value: string }[]): void {
  const b = tagBreach(tagMap(tags), tagMap(existing));
  if (b?.kind === 'count') throw new AwsError('LimitExceededException', breachMessage(b));
  if (b) throw validationErr(breachMessage(b));
}
const ruleNotFound = (name: string) => new AwsError('ResourceNotFoundException', `Rule ${name} does not exist on EventBus default.`);

export const ruleArn = (ctx: Ctx, name: string) => `arn:aws:events:${ctx.region}:${ctx.accountId}:rule/${name}`;

function ruleName(i: Input, key = 'Name'): string {
  const v = i[key];
  if (typeof v !== 'string' || !/^[\.\-_A-Za-z0-9]{1,64}$/.test(v)) {
    throw validationErr(`1 validation error detected: Value '${v ?? 'null'}' at '${key[0].toLowerCase()}${key.slice(1)}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+`);
  }
  return v;
}

function getRule(data: EmulatorData, i: Input, key = 'Name'): RuleRecord {
  const name = ruleName(i, key);
  const r = data.rules[name];
  if (!r) throw ruleNotFound(name);
  return r;
}

function checkBus(i: Input): void {
  const bus = i.EventBusName;
  if (bus !== undefined && bus !== 'default' && !/:event-bus\/default$/.test(bus)) {
    throw new AwsError('ResourceNotFoundException', `Event bus ${bus} does not exist.`);
  }
}

const render = (ctx: Ctx, r: RuleRecord) => ({
  Name: r.name, Arn: ruleArn(ctx, r.name), EventPattern: r.eventPattern, ScheduleExpression: r.scheduleExpression,
  State: r.state, Description: r.description, RoleArn: r.roleArn, EventBusName: 'default',
});

function ruleOfArn(data: EmulatorData, arn: unknown): RuleRecord {
  const name = typeof arn === 'string' ? /:rule\/(?:default\/)?([^/]+)$/.exec(arn)?.[1] : undefined;
  const r = name ? data.rules[name] : undefined;
  if (!r) throw new AwsError('ResourceNotFoundException', `Rule ${name ?? arn} does not exist on EventBus default.`);
  return r;
}

function checkTarget(t: Input): TargetRecord {
  if (typeof t.Id !== 'string' || !/^[\.\-_A-Za-z0-9]{1,64}$/.test(t.Id)) throw validationErr(`1 validation error detected: Value '${t.Id}' at 'targets.member.id' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+`);
  if (typeof t.Arn !== 'string' || !t.Arn.startsWith('arn:')) throw validationErr(`Parameter(s) Arn for target ${t.Id} is not valid.`);
  if (t.Input !== undefined) {
    try {
      JSON.parse(t.Input);
    } catch {
      throw validationErr(`Input for target ${t.Id} is not a valid JSON text.`);
    }
  }
  return { Id: t.Id, Arn: t.Arn, Input: t.Input, InputPath: t.InputPath, RoleArn: t.RoleArn };
}

const OPS: Record<string, Op> = {
  PutRule(i, ctx, data) {
    const name = ruleName(i);
    checkBus(i);
    if (!i.ScheduleExpression && !i.EventPattern) throw validationErr('Parameter(s) EventPattern or ScheduleExpression must be specified.');
    if (i.ScheduleExpression) {
      try {
        parseScheduleExpression(i.ScheduleExpression);
      } catch (err) {
        if (err instanceof ScheduleExpressionError) throw validationErr(err.message);
        throw err;
      }
    }
    const state = i.State ?? 'ENABLED';
    if (!['ENABLED', 'DISABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'].includes(state)) throw validationErr(`1 validation error detected: Value '${state}' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]`);
    const old = data.rules[name];
    if (!old) checkTags(i.Tags);
    const changed = !old || old.scheduleExpression !== i.ScheduleExpression || old.state !== state;
    data.rules[name] = {
      name, scheduleExpression: i.ScheduleExpression, eventPattern: i.EventPattern, state: state === 'DISABLED' ? 'DISABLED' : 'ENABLED',
      description: i.Description, roleArn: i.RoleArn, since: changed ? ctx.now() : old.since,
      targets: old?.targets ?? [], tags: old?.tags ?? (i.Tags ?? []),
    };
    return { RuleArn: ruleArn(ctx, name) };
  },
  DescribeRule: (i, ctx, data) => ({ ...render(ctx, getRule(data, i)), CreatedBy: ctx.accountId }),
  DeleteRule(i, _ctx, data) {
    const name = ruleName(i);
    const r = data.rules[name];
    // https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_DeleteRule.html: remove targets first.
    if (r?.targets.length) throw validationErr("Rule can't be deleted since it has targets.");
    delete data.rules[name];
  },
  ListRules(i, ctx, data) {
    checkBus(i);
    const rules = Object.values(data.rules).filter((r) => r.name.startsWith(i.NamePrefix ?? '')).sort((a, b) => a.name.localeCompare(b.name));
    const p = page(rules, i.NextToken, i.Limit ?? 100, () => validationErr('The NextToken provided is invalid.'));
    return { Rules: p.items.map((r) => render(ctx, r)), NextToken: p.next };
  },
  EnableRule(i, ctx, data) {
    const r = getRule(data, i);
    if (r.state !== 'ENABLED') Object.assign(r, { state: 'ENABLED', since: ctx.now() });
  },
  DisableRule(i, _ctx, data) {
    getRule(data, i).state = 'DISABLED';
  },
  PutTargets(i, _ctx, data) {
    const r = getRule(data, i, 'Rule');
    const targets: TargetRecord[] = (Array.isArray(i.Targets) ? i.Targets : []).map(checkTarget);
    if (targets.length === 0) throw validationErr("1 validation error detected: Value '[]' at 'targets' failed to satisfy constraint: Member must have length greater than or equal to 1");
    const merged = [...r.targets.filter((t) => !targets.some((n) => n.Id === t.Id)), ...targets];
    // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html: 5 targets per rule.
    if (merged.length > 5) throw new AwsError('LimitExceededException', 'The requested resource exceeds the maximum number allowed.');
    r.targets = merged;
    return { FailedEntryCount: 0, FailedEntries: [] };
  },
  RemoveTargets(i, _ctx, data) {
    const r = getRule(data, i, 'Rule');
    const ids: string[] = Array.isArray(i.Ids) ? i.Ids : [];
    r.targets = r.targets.filter((t) => !ids.includes(t.Id));
    return { FailedEntryCount: 0, FailedEntries: [] };
  },
  ListTargetsByRule(i, _ctx, data) {
    const r = getRule(data, i, 'Rule');
    const p = page(r.targets, i.NextToken, i.Limit ?? 100, () => validationErr('The NextToken provided is invalid.'));
    return { Targets: p.items, NextToken: p.next };
  },
  TagResource(i, _ctx, data) {
    const r = ruleOfArn(data, i.ResourceARN);
    checkTags(i.Tags, r.tags);
    for (const t of i.Tags ?? []) r.tags = [...r.tags.filter((x) => x.Key !== t.Key), { Key: t.Key, Value: t.Value }];
  },
  UntagResource(i, _ctx, data) {
    const r = ruleOfArn(data, i.ResourceARN);
    r.tags = r.tags.filter((t) => !(i.TagKeys ?? []).includes(t.Key));
  },
  ListTagsForResource: (i, _ctx, data) => ({ Tags: ruleOfArn(data, i.ResourceARN).tags }),
};

export function eventsOperation(name: string): Op | undefined {
  return Object.hasOwn(OPS, name) ? OPS[name] : undefined;
}
