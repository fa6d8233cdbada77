import { deleteRule, getRule, listRuleNames, putRule, putTarget, type RuleState } from '../../aws/events';
import { addPermission, getPolicyStatements, removePermission } from '../../aws/lambda-access';
import { UserError } from '../../core/errors';
import { taskName, taskRuleName } from '../../settings/events';
import { type DeployContext, unchanged, write } from '../context';
import type { AwsClients } from '../../aws/clients';
import { ALIAS, isOwnedBy, ownershipTags, type Names } from '../../contracts/names';
import { TASK_SID_PREFIX, TASK_TARGET_ID, taskEvent } from '../../contracts/task';

interface WantedTask {
  name: string;
  rule: string;
  expression: string;
  input: string;
}

export function wantedTasks(ctx: DeployContext): WantedTask[] {
  return (ctx.settings.events ?? []).map((t) => {
    const name = taskName(t);
    return { name, rule: taskRuleName(ctx.names.function, name), expression: t.expression, input: JSON.stringify(taskEvent(name)) };
  });
}

/** The rules zap made for this stage's tasks, by name: `<function>-task-*` tagged for the stage. */
export async function ownedTaskRules(clients: AwsClients, n: Names): Promise<Map<string, RuleState>> {
  const out = new Map<string, RuleState>();
  for (const name of await listRuleNames(clients, taskRuleName(n.function, ''))) {
    const rule = await getRule(clients, name);
    if (rule && isOwnedBy(rule.tags, n)) out.set(name, rule);
  }
  return out;
}

/** One EventBridge rule per task (zap.json `events`), each sending its task event to alias `live`; a task removed loses its rule. */
export async function ensureTasks(ctx: DeployContext, aliasArn: string): Promise<{ changed: boolean }> {
  const { clients, names: n, settings } = ctx;
  const wanted = wantedTasks(ctx);
  const owned = await ownedTaskRules(clients, n);
  const before = ctx.changes.length;
  const statements = wanted.length ? await getPolicyStatements(clients, n.function, ALIAS) : [];
  for (const t of wanted) {
    const rule = owned.get(t.rule) ?? (await getRule(clients, t.rule));
    if (rule && !isOwnedBy(rule.tags, n)) {
      throw new UserError(`an EventBridge rule named ${t.rule} exists but was not made by zap for ${n.project}/${n.stage}; zap will not adopt it. Delete it, or give task "${t.name}" another "name" in zap.json`);
    }
    let arn = rule?.arn;
    if (!rule || rule.scheduleExpression !== t.expression || rule.state !== 'ENABLED') {
      arn = await write(ctx, 'tasks', `${rule ? 'update' : 'create'} rule ${t.rule}: ${t.expression}`, () =>
        putRule(clients, t.rule, t.expression, `zap task ${t.name} of ${n.function}`, { ...settings.tags, ...ownershipTags(n) }),
      );
    }
    const target = rule?.targets.find((x) => x.Id === TASK_TARGET_ID);
    if (!target || target.Arn !== aliasArn || target.Input !== t.input) {
      await write(ctx, 'tasks', `target ${ALIAS} with ${t.input}`, () => putTarget(clients, t.rule, { Id: TASK_TARGET_ID, Arn: aliasArn, Input: t.input }));
    }
    if (!statements.some((s) => s.Sid === TASK_SID_PREFIX + t.name)) {
      await write(ctx, 'tasks', `allow rule ${t.rule} to invoke the function`, () =>
        addPermission(clients, { FunctionName: n.function, Qualifier: ALIAS, StatementId: TASK_SID_PREFIX + t.name, Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', SourceArn: arn }),
      );
    }
  }
  const keep = new Set(wanted.map((t) => t.rule));
  for (const name of owned.keys()) {
    if (keep.has(name)) continue;
    const task = name.slice(taskRuleName(n.function, '').length);
    await write(ctx, 'tasks', `remove rule ${name} (task ${task} is no longer in zap.json)`, async () => {
      await deleteRule(clients, name);
      await removePermission(clients, n.function, TASK_SID_PREFIX + task, ALIAS);
    });
  }
  const changed = ctx.changes.length > before;
  if (!changed) unchanged(ctx, 'tasks', wanted.length ? wanted.map((t) => `${t.name} ${t.expression}`).join(', ') : 'none');
  return { changed };
}
