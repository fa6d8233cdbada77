import {
  CreateRoleCommand, DeleteRoleCommand, DeleteRolePolicyCommand, GetRoleCommand, GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand, ListRolePoliciesCommand, ListRoleTagsCommand, PutRolePolicyCommand, DetachRolePolicyCommand,
} from '@aws-sdk/client-iam';
import type { AwsClients } from './clients';
import { isNotFound } from './errors';

export interface RoleState {
  arn: string;
  tags: Record<string, string>;
}

export async function getRole(c: AwsClients, name: string): Promise<RoleState | undefined> {
  try {
    const { Role } = await c.iam.send(new GetRoleCommand({ RoleName: name }));
    const { Tags } = await c.iam.send(new ListRoleTagsCommand({ RoleName: name }));
    return { arn: Role!.Arn!, tags: Object.fromEntries((Tags ?? []).map((t) => [t.Key!, t.Value ?? ''])) };
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export async function createRole(c: AwsClients, name: string, trustPolicy: object, tags: Record<string, string>): Promise<string> {
  const { Role } = await c.iam.send(
    new CreateRoleCommand({
      RoleName: name,
      AssumeRolePolicyDocument: JSON.stringify(trustPolicy),
      Description: 'Execution role of a function deployed by zap',
      Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
    }),
  );
  return Role!.Arn!;
}

/** The inline policy document, parsed; undefined when absent. IAM returns it URL-encoded. */
export async function getRolePolicy(c: AwsClients, role: string, policy: string): Promise<unknown> {
  try {
    const { PolicyDocument } = await c.iam.send(new GetRolePolicyCommand({ RoleName: role, PolicyName: policy }));
    return JSON.parse(decodeURIComponent(PolicyDocument ?? '{}'));
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export async function putRolePolicy(c: AwsClients, role: string, policy: string, document: object): Promise<void> {
  await c.iam.send(new PutRolePolicyCommand({ RoleName: role, PolicyName: policy, PolicyDocument: JSON.stringify(document) }));
}

/** Removes a role with its inline and attached policies; a missing role is fine. */
export async function deleteRole(c: AwsClients, role: string): Promise<void> {
  try {
    const { PolicyNames } = await c.iam.send(new ListRolePoliciesCommand({ RoleName: role }));
    for (const PolicyName of PolicyNames ?? []) await c.iam.send(new DeleteRolePolicyCommand({ RoleName: role, PolicyName }));
    const { AttachedPolicies } = await c.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: role }));
    for (const p of AttachedPolicies ?? []) await c.iam.send(new DetachRolePolicyCommand({ RoleName: role, PolicyArn: p.PolicyArn }));
    await c.iam.send(new DeleteRoleCommand({ RoleName: role }));
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}
