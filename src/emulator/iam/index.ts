import { AwsError, invalidParam } from '../errors';
import type { Ctx } from '../context';
import { page } from '../context';
import type { EmulatorData } from '../model';
import { queryList } from '../protocol/query-xml';
import { breachMessage, tagBreach, tagMap } from '../tag-rules';
import {
  checkIdentityStatements, checkPolicyDocument, getRoleRecord, newRole, noSuchRole, renderRole, required, trusts,
} from './roles';

type Params = Record<string, string>;
type Action = (p: Params, ctx: Ctx, data: EmulatorData) => unknown;

/** IAM paging: Marker/MaxItems in, IsTruncated/Marker out. */
function paged<T>(items: T[], p: Params): { items: T[]; IsTruncated: boolean; Marker?: string } {
  const r = page(items, p.Marker, Number(p.MaxItems ?? 100), () => new AwsError('ValidationError', 'Invalid Marker.'));
  return { items: r.items, IsTruncated: r.next !== undefined, Marker: r.next };
}

/** https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html#id_tags_rules_creating */
function tagsOf(p: Params, existing: { Key: string; Value: string }[] = []): { Key: string; Value: string }[] {
  const tags = queryList(p, 'Tags') as { Key: string; Value: string }[];
  const b = tagBreach(tagMap(tags), tagMap(existing));
  if (b?.kind === 'count') throw new AwsError('LimitExceeded', 'The number of tags has reached the maximum limit.', 409);
  if (b?.kind === 'reserved') throw new AwsError('InvalidInput', `User-defined tag keys can't start with 'aws:'. This prefix is reserved for AWS tags.`);
  if (b) throw new AwsError('ValidationError', breachMessage(b, 'tags.member.key'));
  return tags;
}

const ACTIONS: Record<string, Action> = {
  CreateRole(p, ctx, data) {
    const role = newRole(ctx, p, tagsOf(p));
    if (data.roles[role.name]) throw new AwsError('EntityAlreadyExists', `Role with name ${role.name} already exists.`, 409);
    data.roles[role.name] = role;
    return { Role: renderRole(ctx, role) };
  },
  GetRole: (p, ctx, data) => ({ Role: renderRole(ctx, getRoleRecord(data, required(p, 'RoleName'))) }),
  ListRoles(p, ctx, data) {
    const roles = Object.values(data.roles).filter((r) => r.path.startsWith(p.PathPrefix ?? '/'));
    const r = paged(roles.sort((a, b) => a.name.localeCompare(b.name)), p);
    return { Roles: r.items.map((x) => renderRole(ctx, x)), IsTruncated: r.IsTruncated, Marker: r.Marker };
  },
  DeleteRole(p, _ctx, data) {
    const role = getRoleRecord(data, required(p, 'RoleName'));
    if (Object.keys(role.inline).length) throw new AwsError('DeleteConflict', 'Cannot delete entity, must delete policies first.', 409);
    if (role.attached.length) throw new AwsError('DeleteConflict', 'Cannot delete entity, must detach all policies first.', 409);
    delete data.roles[role.name];
  },
  UpdateAssumeRolePolicy(p, _ctx, data) {
    const role = getRoleRecord(data, required(p, 'RoleName'));
    role.assumeRolePolicy = required(p, 'PolicyDocument');
    checkPolicyDocument(role.assumeRolePolicy);
  },
  PutRolePolicy(p, _ctx, data) {
    const role = getRoleRecord(data, required(p, 'RoleName'));
    const doc = required(p, 'PolicyDocument');
    checkIdentityStatements(checkPolicyDocument(doc));
    role.inline[required(p, 'PolicyName')] = doc;
  },
  GetRolePolicy(p, _ctx, data) {
    const role = getRoleRecord(data, required(p, 'RoleName'));
    const name = required(p, 'PolicyName');
    const doc = role.inline[name];
    if (doc === undefined) throw new AwsError('NoSuchEntity', `The role policy with name ${name} cannot be found.`, 404);
    return { RoleName: role.name, PolicyName: name, PolicyDocument: encodeURIComponent(doc) };
  },
  DeleteRolePolicy(p, _ctx, data) {
    const role = getRoleRecord(data, required(p, 'RoleName'));
    const name = required(p, 'PolicyName');
    if (role.inline[name] === undefined) throw new AwsError('NoSuchEntity', `The role policy with name ${name} cannot be found.`, 404);
    delete role.inline[name];
  },
  ListRolePolicies(p, _ctx, data) {
    const r = paged(Object.keys(getRoleRecord(data, required(p, 'RoleName')).inline).sort(), p);
    return { PolicyNames: r.items, IsTruncated: r.IsTruncated, Marker: r.Marker };
  },
  AttachRolePolicy(p, _ctx, data) {
    const role = getRoleRecord(data, required(p, 'RoleName'));
    const arn = required(p, 'PolicyArn');
    if (!/^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/.+/.test(arn)) throw invalidParamIam(`ARN ${arn} is not valid.`);
    if (!role.attached.includes(arn)) role.attached.push(arn);
  },
  DetachRolePolicy(p, _ctx, data) {
    const role = getRoleRecord(data, required(p, 'RoleName'));
    const arn = required(p, 'PolicyArn');
    if (!role.attached.includes(arn)) throw new AwsError('NoSuchEntity', `Policy ${arn} was not found.`, 404);
    role.attached = role.attached.filter((a) => a !== arn);
  },
  ListAttachedRolePolicies(p, _ctx, data) {
    const attached = getRoleRecord(data, required(p, 'RoleName')).attached.map((a) => ({ PolicyName: a.split('/').pop(), PolicyArn: a }));
    const r = paged(attached, p);
    return { AttachedPolicies: r.items, IsTruncated: r.IsTruncated, Marker: r.Marker };
  },
  TagRole(p, _ctx, data) {
    const role = getRoleRecord(data, required(p, 'RoleName'));
    for (const t of tagsOf(p, role.tags)) role.tags = [...role.tags.filter((x) => x.Key !== t.Key), t];
  },
  UntagRole(p, _ctx, data) {
    const role = getRoleRecord(data, required(p, 'RoleName'));
    const keys = queryList(p, 'TagKeys');
    role.tags = role.tags.filter((t) => !keys.includes(t.Key));
  },
  ListRoleTags(p, _ctx, data) {
    const r = paged(getRoleRecord(data, required(p, 'RoleName')).tags, p);
    return { Tags: r.items, IsTruncated: r.IsTruncated, Marker: r.Marker };
  },
};

const invalidParamIam = (m: string) => new AwsError('InvalidInput', m, 400);

export const IAM_XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/';

export function iamAction(action: string): Action | undefined {
  return Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
}

/** Lambda's check on CreateFunction: the role exists, trusts Lambda, and has propagated. */
export function checkRoleAssumable(ctx: Ctx, data: EmulatorData, arn: string): void {
  const m = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
  const role = m && m[1] === ctx.accountId ? data.roles[m[2]] : undefined;
  const ok = role && ctx.now() >= role.createdAt + ctx.delays.roleAssumableMs && trusts(role.assumeRolePolicy, 'lambda.amazonaws.com');
  // https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-deployment.html#troubleshooting-deployment-role
  if (!ok) throw invalidParam('The role defined for the function cannot be assumed by Lambda.');
}

export { noSuchRole };
