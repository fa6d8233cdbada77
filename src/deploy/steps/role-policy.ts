import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import { getRolePolicy, putRolePolicy } from '../../aws/iam';
import { type DeployContext, write } from '../context';
import { rolePolicy } from '../desired';
import { policySummary, settingStatements, withStatements } from '../network-desired';
import { secretStatements } from '../secret-policy';

/** The role's inline policy: zap's own statements and those the settings ask for. */
export function wantedRolePolicy(ctx: DeployContext, account: string, deployed?: FunctionConfiguration): object {
  const secrets = secretStatements(ctx.settings.environment_variables, ctx.clients.region, account);
  return withStatements(rolePolicy(ctx.names, ctx.clients.region, account, secrets), settingStatements(ctx.settings, deployed));
}

/**
 * Puts the policy when it differs. `deployed` is the function as it runs now: a permission it still
 * needs to leave its VPC (or tracing) stays until `settleRolePolicy` runs after the function step.
 */
export async function ensureRolePolicy(ctx: DeployContext, account: string, opts: { exists: boolean; deployed?: FunctionConfiguration }): Promise<boolean> {
  const { clients, names: n } = ctx;
  const wanted = wantedRolePolicy(ctx, account, opts.deployed);
  const current = opts.exists ? await getRolePolicy(clients, n.role, n.rolePolicy) : undefined;
  if (JSON.stringify(current) === JSON.stringify(wanted)) return false;
  await write(ctx, 'role', `${current ? 'update' : 'put'} policy ${n.rolePolicy} (${policySummary(ctx.settings, opts.deployed)})`, () => putRolePolicy(clients, n.role, n.rolePolicy, wanted));
  return true;
}

/** After the function step: the exact policy the settings ask for (a VPC or tracing permission kept for the update goes). */
export async function settleRolePolicy(ctx: DeployContext, account: string): Promise<void> {
  if (ctx.settings.role_arn || ctx.plan) return;
  await ensureRolePolicy(ctx, account, { exists: true });
}
