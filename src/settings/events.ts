/**
 * zap.json `events` (scheduled tasks) and secret references in environment_variables: checked
 * before any AWS call. The task's module and export are checked at package time (src/package/tasks.ts).
 */
import { isPlainObject } from './plain-object';
import { scheduleExpressionProblem } from './schedule-expression';
import { parseSecretRef } from '../contracts/secrets';

const where = (stage: string, key: string) => `zap.json: stage '${stage}', key '${key}'`;
const show = (v: unknown) => JSON.stringify(v) ?? String(v);
// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html: Name 1..64.
const RULE_NAME_MAX = 64;

export interface TaskSetting {
  function: string;
  expression: string;
  name?: string;
}

/** A task's name: "name" when given, else the export's. */
export const taskName = (t: TaskSetting): string => t.name ?? t.function.slice(t.function.lastIndexOf('#') + 1);

/** The EventBridge rule of one task: `<function>-task-<name>`. */
export const taskRuleName = (fn: string, name: string): string => `${fn}-task-${name}`;

/** Expressions EventBridge accepts and names no two tasks share; shapes are the schema's. */
export function eventsProblems(stage: string, raw: Record<string, unknown>): string[] {
  if (!Array.isArray(raw.events)) return [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  raw.events.forEach((e, i) => {
    if (!isPlainObject(e) || typeof e.function !== 'string' || typeof e.expression !== 'string') return;
    const why = scheduleExpressionProblem(e.expression);
    if (why) problems.push(`${where(stage, `events[${i}].expression`)}: got ${show(e.expression)}: ${why}`);
    const name = taskName(e as unknown as TaskSetting);
    const first = seen.get(name);
    if (first !== undefined) problems.push(`${where(stage, `events[${i}]`)}: the task name "${name}" is also events[${first}]'s; give one of them a distinct "name"`);
    else seen.set(name, i);
  });
  return problems;
}

/** Each rule name fits EventBridge's 64 characters once the function's name is known. */
export function taskRuleProblems(stage: string, settings: Record<string, unknown>, project: string | undefined): string[] {
  if (!Array.isArray(settings.events) || project === undefined) return [];
  return settings.events.flatMap((e, i) => {
    if (!isPlainObject(e) || typeof e.function !== 'string') return [];
    const rule = taskRuleName(`${project}-${stage}`, taskName(e as unknown as TaskSetting));
    return rule.length > RULE_NAME_MAX
      ? [`${where(stage, `events[${i}]`)}: its EventBridge rule ${show(rule)} has ${rule.length} characters, expected at most ${RULE_NAME_MAX}; set a shorter "name"`]
      : [];
  });
}

// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html (Name) and
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html (Name).
const SSM_NAME = /^(\/[a-zA-Z0-9_.\-/]+|[a-zA-Z0-9_.-]+)$/;
const SSM_ARN = /^arn:aws[a-z-]*:ssm:[a-z0-9-]+:\d{12}:parameter\/[a-zA-Z0-9_.\-/]+$/;
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/;

/** Each "ssm:" or "secretsmanager:" value names something AWS could hold. */
export function secretRefProblems(stage: string, raw: Record<string, unknown>): string[] {
  if (!isPlainObject(raw.environment_variables)) return [];
  return Object.entries(raw.environment_variables).flatMap(([k, v]) => {
    const ref = typeof v === 'string' ? parseSecretRef(v) : undefined;
    if (!ref) return [];
    const ok = ref.source === 'ssm' ? SSM_NAME.test(ref.id) || SSM_ARN.test(ref.id) : SECRET_NAME.test(ref.id) || SECRET_ARN.test(ref.id);
    if (ok) return [];
    const expected = ref.source === 'ssm' ? 'a parameter name such as "ssm:/prod/db/password" or its ARN' : 'a secret name such as "secretsmanager:prod/api-key" or its ARN';
    return [`${where(stage, `environment_variables.${k}`)}: got ${show(v)}, expected ${expected}`];
  });
}
