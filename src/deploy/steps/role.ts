import { createRole, getRole } from '../../aws/iam';
import { getFunction } from '../../aws/lambda';
import { UserError } from '../../core/errors';
import { type DeployContext, unchanged, write } from '../context';
import { trustPolicy } from '../desired';
import { ensureRolePolicy } from './role-policy';
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
  // The function as it runs now: while it is in a VPC (or traced), its role keeps what leaving needs.
  const deployed = existing ? (await getFunction(clients, n.function))?.configuration : undefined;
  if (!(await ensureRolePolicy(ctx, account, { exists: existing !== undefined, deployed }))) unchanged(ctx, 'role', `${n.role} unchanged`);
  return { arn, fresh: !existing };
}
