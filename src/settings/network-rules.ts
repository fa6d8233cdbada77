/**
 * AWS's rules on the production keys (network-keys.ts), one line per problem naming the exact place
 * (`vpc_config.SubnetIds[2]`, `extra_permissions[0].Action`), so nothing reaches AWS that it refuses.
 */
import { isPlainObject } from './plain-object';
import { MAX_SECURITY_GROUPS, MAX_SUBNETS, SECURITY_GROUP_ID, SUBNET_ID } from './network-keys';

const show = (v: unknown) => JSON.stringify(v) ?? String(v);
const where = (stage: string, key: string) => `zap.json: stage '${stage}', key '${key}'`;

// https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html:
// an action is "<service prefix>:<action name>", the name may hold * and ? wildcards.
const ACTION = /^[a-z0-9-]+:[A-Za-z0-9*?]+$/;
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
const RESOURCE = /^(\*|arn:[^:\s]*:[^:\s]*:[^:\s]*:[^:\s]*:\S+)$/;
const SID = /^[A-Za-z0-9]*$/;
/** The Sids of zap's own statements in the role's policy (src/deploy/desired.ts, network-desired.ts): IAM wants each Sid once. */
const ZAP_SIDS = ['Logs', 'KeepWarmFanOut', 'VpcNetworkInterfaces', 'XRayTraces'];
const STATEMENT_KEYS = ['Sid', 'Effect', 'Action', 'Resource', 'Condition'];
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html: a role's inline policies
// hold 10,240 characters in all; zap keeps 2,048 of them for its own statements.
export const EXTRA_PERMISSIONS_MAX_CHARS = 10240 - 2048;

/** Problems by key (the first one for each key wins), for the keys of this stage itself. */
export function networkProblems(stage: string, raw: Record<string, unknown>): [string, string][] {
  const out: [string, string][] = [];
  if (raw.vpc_config !== undefined) out.push(...vpcProblems(stage, raw.vpc_config).map((m): [string, string] => ['vpc_config', m]));
  if (raw.extra_permissions !== undefined) out.push(...permissionProblems(stage, raw.extra_permissions).map((m): [string, string] => ['extra_permissions', m]));
  return firstPerKey(out);
}

function firstPerKey(pairs: [string, string][]): [string, string][] {
  const seen = new Map<string, string>();
  for (const [k, m] of pairs) if (!seen.has(k)) seen.set(k, m);
  return [...seen];
}

export function vpcProblems(stage: string, v: unknown): string[] {
  const at = (k: string) => where(stage, `vpc_config${k}`);
  if (!isPlainObject(v)) return [`${at('')}: got ${show(v)}, expected {"SubnetIds": ["subnet-…"], "SecurityGroupIds": ["sg-…"]}; to detach the function from its VPC, remove the key`];
  const extra = Object.keys(v).filter((k) => k !== 'SubnetIds' && k !== 'SecurityGroupIds');
  if (extra.length) return [`${at(`.${extra[0]}`)}: unknown key; vpc_config takes "SubnetIds" and "SecurityGroupIds" (Lambda's spelling)`];
  return [
    ...idProblems(at('.SubnetIds'), v.SubnetIds, SUBNET_ID, MAX_SUBNETS, 'subnet-0123456789abcdef0'),
    ...idProblems(at('.SecurityGroupIds'), v.SecurityGroupIds, SECURITY_GROUP_ID, MAX_SECURITY_GROUPS, 'sg-0123456789abcdef0'),
  ];
}

function idProblems(at: string, ids: unknown, pattern: string, max: number, example: string): string[] {
  if (!Array.isArray(ids) || ids.length === 0) return [`${at}: got ${show(ids)}, expected a list of 1..${max} ids such as "${example}"; to detach the function from its VPC, remove vpc_config`];
  if (ids.length > max) return [`${at}: got ${ids.length} ids, expected at most ${max} (Lambda's limit)`];
  const re = new RegExp(pattern);
  const bad = ids.findIndex((id) => typeof id !== 'string' || !re.test(id));
  if (bad >= 0) return [`${at.replace(/'$/, `[${bad}]'`)}: got ${show(ids[bad])}, expected an id such as "${example}" (${example.split('-')[0]}- then 8 or 17 hex digits)`];
  const dup = ids.findIndex((id, i) => ids.indexOf(id) !== i);
  if (dup >= 0) return [`${at.replace(/'$/, `[${dup}]'`)}: ${show(ids[dup])} is listed twice; list each id once`];
  return [];
}

export function permissionProblems(stage: string, v: unknown): string[] {
  if (!Array.isArray(v)) return [`${where(stage, 'extra_permissions')}: got ${show(v)}, expected a list of IAM statements, e.g. [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::my-bucket/*"}]`];
  const problems = v.flatMap((s, i) => statementProblems(where(stage, `extra_permissions[${i}]`).replace(/'$/, ''), s));
  const size = JSON.stringify(v).length;
  if (!problems.length && size > EXTRA_PERMISSIONS_MAX_CHARS) {
    problems.push(`${where(stage, 'extra_permissions')}: the statements take ${size} characters, expected at most ${EXTRA_PERMISSIONS_MAX_CHARS}: IAM allows 10,240 in a role's inline policies and zap keeps 2,048 for its own; use wildcards or a managed policy on a role of your own (role_arn)`);
  }
  return problems;
}

/** `at` ends without its closing quote, so each field is named inside it: `…key 'extra_permissions[0].Action'`. */
function statementProblems(at: string, s: unknown): string[] {
  const field = (f: string) => `${at}${f ? `.${f}` : ''}'`;
  if (!isPlainObject(s)) return [`${field('')}: got ${show(s)}, expected an IAM statement {"Effect", "Action", "Resource"}`];
  const unknown = Object.keys(s).find((k) => !STATEMENT_KEYS.includes(k));
  if (unknown) return [`${field(unknown)}: not allowed here; a statement takes ${STATEMENT_KEYS.join(', ')}${unknown === 'Principal' ? ' (a role\'s policy applies to the role itself, so it names no Principal)' : ''}`];
  const out: string[] = [];
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') out.push(`${field('Effect')}: got ${show(s.Effect)}, expected "Allow" or "Deny"`);
  out.push(...listProblems(field('Action'), s.Action, ACTION, '"service:Action" such as "s3:GetObject" or "dynamodb:*"'));
  out.push(...listProblems(field('Resource'), s.Resource, RESOURCE, 'an ARN such as "arn:aws:s3:::my-bucket/*", or "*"'));
  if (s.Sid !== undefined && (typeof s.Sid !== 'string' || !SID.test(s.Sid))) out.push(`${field('Sid')}: got ${show(s.Sid)}, expected letters and digits only`);
  else if (typeof s.Sid === 'string' && ZAP_SIDS.includes(s.Sid)) out.push(`${field('Sid')}: ${show(s.Sid)} is the Sid of one of zap's own statements; choose another`);
  if (s.Condition !== undefined && !(isPlainObject(s.Condition) && Object.values(s.Condition).every(isPlainObject))) {
    out.push(`${field('Condition')}: got ${show(s.Condition)}, expected {"<operator>": {"<key>": <value>}}, e.g. {"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}`);
  }
  return out;
}

function listProblems(at: string, v: unknown, re: RegExp, expected: string): string[] {
  const items = typeof v === 'string' ? [v] : v;
  if (!Array.isArray(items) || items.length === 0) return [`${at}: got ${show(v)}, expected ${expected}, or a non-empty list of them`];
  const bad = items.findIndex((x) => typeof x !== 'string' || !re.test(x));
  if (bad < 0) return [];
  const place = Array.isArray(v) ? at.replace(/'$/, `[${bad}]'`) : at;
  return [`${place}: got ${show(items[bad])}, expected ${expected}`];
}

/** What only the whole stage shows: a domain needs its certificate and an HTTP API (http comes from defaults or `extends`). */
export function resolvedNetworkProblems(stage: string, s: Record<string, unknown>): string[] {
  const problems = s.role_arn !== undefined && s.extra_permissions !== undefined
    ? [`${where(stage, 'extra_permissions')}: zap adds statements to the role it makes, but this stage names its own role (role_arn); add them to that role, or remove role_arn`]
    : [];
  return [...problems, ...domainProblems(stage, s)];
}

function domainProblems(stage: string, s: Record<string, unknown>): string[] {
  const domain = s.domain;
  const cert = s.certificate_arn;
  if (domain === undefined && cert === undefined) return [];
  if (domain === undefined) return [`${where(stage, 'certificate_arn')}: set without "domain"; add "domain" (e.g. "api.example.com") or remove certificate_arn`];
  if (typeof cert !== 'string') return [`${where(stage, 'domain')}: ${show(domain)} needs "certificate_arn": the ARN of an ISSUED ACM certificate for it, in the function's region`];
  const http = s.http ?? 'function_url';
  if (http !== 'api_gateway') {
    const why = http === 'none' ? 'with "http": "none" nothing serves HTTP' : 'Lambda Function URLs cannot have custom domains';
    return [`${where(stage, 'domain')}: ${why}; set "http": "api_gateway" to serve ${show(domain)} through an API Gateway HTTP API`];
  }
  const certRegion = cert.split(':')[3];
  if (typeof s.aws_region === 'string' && certRegion !== s.aws_region) {
    return [`${where(stage, 'certificate_arn')}: the certificate is in ${certRegion}, but a regional API Gateway domain needs one in the API's region ${s.aws_region}; request or import it there`];
  }
  return [];
}
