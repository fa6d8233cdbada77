import { createRole, getRole, getRolePolicy, putRolePolicy } from '../../aws/iam';
import { UserError } from '../../core/errors';
import { type DeployContext, unchanged, write } from '../context';
import { rolePolicy, trustPolicy } from '../desired';
import { secretStatements } from '../secret-policy';
import { isOwnedBy, ownershipTags } from '../../contracts/names';

export interface RoleOutcome {
  arn: string;
  /** Made in this run: Lambda may not be able to assume it for a few seconds. */
  fresh: boolean;
}

/** The function's execution role: the one the settings name, or zap's own, made or repaired. */
export async function ensureRole(ctx: DeployContext, account: string): Promise<RoleOutcome> {
  const { settings, names: n, clients } = ctx;
  if (settings.role_arn) {
    unchanged(ctx, 'role', `${settings.role_arn} (from zap.json)`);
    return { arn: settings.role_arn, fresh: false };
  }
  const existing = await getRole(clients, n.role);
  if (existing && !isOwnedBy(existing.tags, n)) {
    throw new UserError(`an IAM role named ${n.role} exists but was not made by zap for ${n.project}/${n.stage}; zap will not adopt it. Name it in zap.json as "role_arn", or delete or rename it`);
  }
  const arn =
    existing?.arn ??
    (await write(ctx, 'role', `create ${n.role}`, () => createRole(clients, n.role, trustPolicy(), { ...settings.tags, ...ownershipTags(n) }))) ??
    `arn:aws:iam::${account}:role/${n.role}`;
  const wanted = rolePolicy(n, clients.region, account, secretStatements(settings.environment_variables, clients.region, account));
  const current = existing ? await getRolePolicy(clients, n.role, n.rolePolicy) : undefined;
  if (JSON.stringify(current) !== JSON.stringify(wanted)) {
    await write(ctx, 'role', `${current ? 'update' : 'put'} policy ${n.rolePolicy} (logs, invoke itself)`, () => putRolePolicy(clients, n.role, n.rolePolicy, wanted));
  } else {
    unchanged(ctx, 'role', `${n.role} unchanged`);
  }
  return { arn, fresh: !existing };
}
