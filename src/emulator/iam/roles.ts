import { randomBytes } from 'node:crypto';
import { AwsError } from '../errors';
import type { Ctx } from '../context';
import type { EmulatorData, RoleRecord } from '../model';

export const noSuchRole = (name: string) => new AwsError('NoSuchEntity', `The role with name ${name} cannot be found.`, 404);

export function getRoleRecord(data: EmulatorData, name: string | undefined): RoleRecord {
  const role = name === undefined ? undefined : data.roles[name];
  if (!role) throw noSuchRole(String(name));
  return role;
}

export function required(params: Record<string, string>, key: string): string {
  const v = params[key];
  if (v === undefined || v === '') {
    throw new AwsError('ValidationError', `1 validation error detected: Value null at '${key[0].toLowerCase()}${key.slice(1)}' failed to satisfy constraint: Member must not be null`);
  }
  return v;
}

/** Policy documents must be JSON objects with a Statement: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html */
export function checkPolicyDocument(doc: string): Record<string, any> {
  try {
    const v = JSON.parse(doc);
    if (v && typeof v === 'object' && !Array.isArray(v) && v.Statement !== undefined) return v;
  } catch {}
  throw new AwsError('MalformedPolicyDocument', 'This policy contains invalid Json', 400);
}

/**
 * An identity policy's statements need Effect, an action and a resource; a trust policy names a
 * Principal instead of a Resource. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
 */
export function checkIdentityStatements(policy: Record<string, any>): void {
  for (const s of [policy.Statement].flat()) {
    const malformed = (m: string) => new AwsError('MalformedPolicyDocument', m, 400);
    if (!s || typeof s !== 'object') throw malformed('Syntax errors in policy.');
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') throw malformed(s.Effect === undefined ? 'Missing required field Effect' : `Invalid effect: ${String(s.Effect)}`);
    if (s.Action === undefined && s.NotAction === undefined) throw malformed('Policy statement must contain actions.');
    if (s.Resource === undefined && s.NotResource === undefined) throw malformed('Policy statement must contain resources.');
    if (s.Principal !== undefined || s.NotPrincipal !== undefined) throw malformed('Policy document should not specify a principal.');
  }
}

export function checkRoleName(name: string): string {
  if (!/^[\w+=,.@-]{1,64}$/.test(name)) {
    throw new AwsError('ValidationError', `1 validation error detected: Value '${name}' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+`);
  }
  return name;
}

export const roleArn = (ctx: Ctx, r: RoleRecord) => `arn:aws:iam::${ctx.accountId}:role${r.path}${r.name}`;

/** IAM returns policy documents URL-encoded: https://docs.aws.amazon.com/IAM/latest/APIReference/API_Role.html */
export function renderRole(ctx: Ctx, r: RoleRecord): Record<string, unknown> {
  return {
    Path: r.path,
    RoleName: r.name,
    RoleId: r.id,
    Arn: roleArn(ctx, r),
    CreateDate: new Date(r.createdAt),
    AssumeRolePolicyDocument: encodeURIComponent(r.assumeRolePolicy),
    Description: r.description,
    MaxSessionDuration: r.maxSessionDuration,
    Tags: r.tags.length ? r.tags : undefined,
  };
}

export function newRole(ctx: Ctx, params: Record<string, string>, tags: { Key: string; Value: string }[]): RoleRecord {
  const path = params.Path ?? '/';
  if (!/^\/([\x21-\x7e]*\/)?$/.test(path)) {
    throw new AwsError('ValidationError', `1 validation error detected: Value '${path}' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)`);
  }
  const doc = required(params, 'AssumeRolePolicyDocument');
  checkPolicyDocument(doc);
  return {
    name: checkRoleName(required(params, 'RoleName')),
    id: 'AROA' + randomBytes(10).toString('hex').toUpperCase().slice(0, 17),
    path,
    createdAt: ctx.now(),
    assumeRolePolicy: doc,
    description: params.Description,
    maxSessionDuration: Number(params.MaxSessionDuration ?? 3600),
    tags,
    inline: {},
    attached: [],
  };
}

/** Whether a trust policy lets a service principal assume the role. */
export function trusts(doc: string, service: string): boolean {
  try {
    const statements = [JSON.parse(doc).Statement].flat();
    return statements.some((s: any) => {
      const actions = [s.Action].flat();
      const services = [s.Principal?.Service].flat();
      return s.Effect === 'Allow' && actions.some((a: string) => a === 'sts:AssumeRole' || a === 'sts:*' || a === '*') &&
        (s.Principal === '*' || services.includes(service));
    });
  } catch {
    return false;
  }
}
