import { randomUUID } from 'node:crypto';
import { AwsError, conflict, invalidParam, notFound } from '../errors';
import { arnOf, checkRevision, getFn, resolveVersion, type LambdaEnv } from './env';
import { parseFunctionName, requireString } from './names';
import { buildStatement, policyDocument, type PermissionInput } from './policy';

const key = (q: string | undefined) => (q === undefined || q === '$LATEST' ? '' : q);

export function addPermission(env: LambdaEnv, rawName: string, qualifier: string | null, input: Record<string, any>) {
  const ref = parseFunctionName(rawName, qualifier);
  const fn = getFn(env, ref.name, ref.qualifier);
  const version = resolveVersion(env, fn, ref.qualifier);
  const sid = requireString(input, 'StatementId');
  requireString(input, 'Action');
  requireString(input, 'Principal');
  if (!/^([a-zA-Z0-9-_.]+)$/.test(sid)) throw invalidParam(`The statement id (${sid}) is not valid.`);
  if (!/^(lambda:[*]|lambda:[a-zA-Z]+|[*])$/.test(input.Action)) {
    throw new AwsError('ValidationException', `1 validation error detected: Value '${input.Action}' at 'action' failed to satisfy constraint: Member must satisfy regular expression pattern: (lambda:[*]|lambda:[a-zA-Z]+|[*])`);
  }
  const k = key(ref.qualifier);
  // Either revision a caller may hold: the policy's (GetPolicy) or the function's (GetFunction).
  if (input.RevisionId !== version.revisionId) checkRevision(input.RevisionId, fn.policyRevision[k] ?? '');
  const list = (fn.policies[k] ??= []);
  if (list.some((s) => s.Sid === sid)) {
    throw conflict(`The statement id (${sid}) provided already exists. Please provide a new statement id, or remove the existing statement.`);
  }
  const statement = buildStatement(input as PermissionInput, arnOf(env, fn.name, k || undefined));
  list.push(statement);
  fn.policyRevision[k] = randomUUID();
  return { Statement: JSON.stringify(statement) };
}

export function removePermission(env: LambdaEnv, rawName: string, sid: string, query: URLSearchParams) {
  const ref = parseFunctionName(rawName, query.get('Qualifier'));
  const fn = getFn(env, ref.name, ref.qualifier);
  const k = key(ref.qualifier);
  checkRevision(query.get('RevisionId') ?? undefined, fn.policyRevision[k] ?? '');
  const list = fn.policies[k] ?? [];
  const i = list.findIndex((s) => s.Sid === sid);
  if (i < 0) throw notFound(`Statement ${sid} is not found in resource policy.`);
  list.splice(i, 1);
  if (list.length === 0) delete fn.policies[k];
  fn.policyRevision[k] = randomUUID();
}

export function getPolicy(env: LambdaEnv, rawName: string, qualifier: string | null) {
  const ref = parseFunctionName(rawName, qualifier);
  const fn = getFn(env, ref.name, ref.qualifier);
  const list = fn.policies[key(ref.qualifier)];
  if (!list?.length) throw notFound('The resource you requested does not exist.');
  return { Policy: policyDocument(list), RevisionId: fn.policyRevision[key(ref.qualifier)] };
}

/** The statements that apply to an invocation through a qualifier (alias or version policy). */
export function statementsFor(env: LambdaEnv, name: string, qualifier: string | undefined): Record<string, any>[] {
  return env.data.functions[name]?.policies[key(qualifier)] ?? [];
}
