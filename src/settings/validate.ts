import type { ErrorObject } from 'ajv';
import { KEYS, STAGE_NAME } from './schema';
import { stageSchemaErrors } from './check-stage';
import { scheduleExpressionProblem } from './schedule-expression';
import { didYouMean } from './did-you-mean';
import { pricesProblem } from './prices';
import { ownAwsProblems, resolvedAwsProblems } from './aws-rules';
import { isPlainObject } from './plain-object';
import { resolveExtends } from './resolve';
import { eventsProblems, secretRefProblems, taskRuleProblems } from './events';
import { networkProblems, resolvedNetworkProblems } from './network-rules';
import { streamingProblems } from './streaming-rule';

// https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
const RESERVED_ENV = /^(_HANDLER|_X_AMZN_TRACE_ID|AWS_REGION|AWS_EXECUTION_ENV|AWS_LAMBDA_.*|AWS_ACCESS_KEY.*|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|LAMBDA_TASK_ROOT|LAMBDA_RUNTIME_DIR)$/;

const show = (v: unknown) => JSON.stringify(v) ?? String(v);
const where = (stage: string, key: string) => `zap.json: stage '${stage}', key '${key}'`;

const EXAMPLE = '{"dev": {"app": "src/app.ts#app"}}';

/**
 * Every problem in a parsed zap.json, one line each; empty when the file is good. `projectName` is
 * the name a stage without project_name gets (from package.json), for the checks on AWS names.
 */
export function validateSettingsFile(file: unknown, projectName?: string): string[] {
  if (!isPlainObject(file)) {
    const got = Array.isArray(file) ? 'a list' : file === null ? 'null' : `a ${typeof file}`;
    return [`zap.json: got ${got}, expected an object with one entry per stage, e.g. ${EXAMPLE}`];
  }
  const problems: string[] = [];
  const stages = Object.keys(file).filter((k) => k !== '$schema');
  if (stages.length === 0) problems.push(`zap.json: no stages; add one, e.g. ${EXAMPLE} (\`zap init\` writes one)`);
  for (const stage of stages) {
    if (!new RegExp(STAGE_NAME).test(stage)) problems.push(`zap.json: stage name '${stage}' must be 1..30 letters, digits, "-" or "_"`);
    const raw = file[stage];
    if (!isPlainObject(raw)) {
      problems.push(`zap.json: stage '${stage}': got ${show(raw)}, expected an object of settings`);
      continue;
    }
    problems.push(...stageProblems(stage, raw, stages), ...ownAwsProblems(stage, raw), ...eventsProblems(stage, raw), ...secretRefProblems(stage, raw));
  }
  for (const stage of stages) {
    if (!isPlainObject(file[stage])) continue;
    const { settings, problems: chain } = resolveExtends(file, stage);
    if (!chain.length) problems.push(...resolvedAwsProblems(stage, settings, projectName), ...resolvedNetworkProblems(stage, settings), ...streamingProblems(stage, settings), ...taskRuleProblems(stage, settings, typeof settings.project_name === 'string' ? settings.project_name : projectName));
  }
  return problems;
}

function stageProblems(stage: string, raw: Record<string, unknown>, stages: string[]): string[] {
  const problems = new Map<string, string>();
  for (const err of stageSchemaErrors(raw)) addSchemaProblem(problems, stage, raw, err);
  const expr = raw.keep_warm_expression;
  if (typeof expr === 'string') {
    const why = scheduleExpressionProblem(expr);
    if (why) problems.set('keep_warm_expression', `${where(stage, 'keep_warm_expression')}: got ${show(expr)}: ${why}`);
  }
  if (typeof raw.extends === 'string' && !stages.includes(raw.extends)) {
    const hint = didYouMean(raw.extends, stages);
    problems.set('extends', `${where(stage, 'extends')}: got ${show(raw.extends)}, but zap.json has no such stage (stages: ${stages.join(', ')})${hint ? `; did you mean '${hint}'?` : ''}`);
  }
  const prices = pricesProblem(raw.prices);
  if (prices) problems.set('prices', `${where(stage, 'prices')}: ${prices}`);
  for (const name of Object.keys(isPlainObject(raw.environment_variables) ? raw.environment_variables : {})) {
    if (RESERVED_ENV.test(name)) problems.set(`env:${name}`, `${where(stage, `environment_variables.${name}`)}: ${name} is reserved by Lambda and cannot be set; rename it`);
  }
  for (const [key, message] of networkProblems(stage, raw)) problems.set(key, message);
  return [...problems.values()];
}

function addSchemaProblem(problems: Map<string, string>, stage: string, raw: Record<string, unknown>, err: ErrorObject): void {
  // A bad variable name is named by itself in aws-rules, rather than as the whole map here.
  if (err.keyword === 'propertyNames' || err.propertyName !== undefined) return;
  if (err.keyword === 'additionalProperties' && err.instancePath === '') {
    const key = String(err.params.additionalProperty);
    const hint = didYouMean(key, Object.keys(KEYS));
    problems.set(key, `${where(stage, key)}: unknown key${hint ? `; did you mean '${hint}'?` : `; known keys: ${Object.keys(KEYS).join(', ')}`}`);
    return;
  }
  const key = err.instancePath.split('/')[1] ?? '';
  if (problems.has(key) || !KEYS[key]) return;
  const given = raw[key];
  let message = `${where(stage, key)}: got ${show(given)}, expected ${KEYS[key].expected}`;
  if (key === 'keep_warm' && typeof given === 'number' && given > 100) {
    message += '; to keep more than 100 containers ready, use provisioned concurrency (https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html)';
  }
  problems.set(key, message);
}

export { isPlainObject };
