// Pure pieces of the production settings: the function's VpcConfig and TracingConfig, and the role
// statements that vpc_config, xray_tracing and extra_permissions ask for (and nothing else).
import type { FunctionConfiguration, TracingMode } from '@aws-sdk/client-lambda';
import type { StageSettings } from '../settings/types';

type Statement = Record<string, unknown>;
type Network = Pick<StageSettings, 'vpc_config' | 'xray_tracing' | 'extra_permissions'>;

/** https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html#configuration-vpc-permissions (AWSLambdaVPCAccessExecutionRole's EC2 actions). */
export const VPC_ACTIONS = ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'];
/** https://docs.aws.amazon.com/xray/latest/devguide/security_iam_id-based-policy-examples.html (AWSXRayDaemonWriteAccess's write actions). */
export const XRAY_ACTIONS = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'];
/** Statement ids zap gives its own statements; a user's Sid must not take one. */
export const NETWORK_SIDS = { vpc: 'VpcNetworkInterfaces', xray: 'XRayTraces' } as const;

/** Attached with the settings' ids; detached with empty lists (Lambda's way to remove a VPC). */
export function vpcConfig(s: Network): { SubnetIds: string[]; SecurityGroupIds: string[] } {
  return { SubnetIds: [...(s.vpc_config?.SubnetIds ?? [])], SecurityGroupIds: [...(s.vpc_config?.SecurityGroupIds ?? [])] };
}

export function tracingConfig(s: Network): { Mode: TracingMode } {
  return { Mode: s.xray_tracing ? 'Active' : 'PassThrough' };
}

/** The VPC as compared: sorted ids, absent = none (Lambda omits VpcConfig, or answers empty lists, for a function in no VPC). */
export function comparableVpc(v: { SubnetIds?: string[]; SecurityGroupIds?: string[] } | undefined): { SubnetIds: string[]; SecurityGroupIds: string[] } {
  return { SubnetIds: [...(v?.SubnetIds ?? [])].sort(), SecurityGroupIds: [...(v?.SecurityGroupIds ?? [])].sort() };
}

export const isAttached = (c: FunctionConfiguration | undefined): boolean => (c?.VpcConfig?.SubnetIds?.length ?? 0) > 0;
export const isTraced = (c: FunctionConfiguration | undefined): boolean => c?.TracingConfig?.Mode === 'Active';

/**
 * The statements the settings ask for. `deployed` is the function as it runs now: while it is still
 * in a VPC (or traced) the role keeps that permission, so that Lambda can detach it; the deploy trims
 * the policy once the function is updated (docs/architecture.md, "production settings").
 */
export function settingStatements(s: Network, deployed?: FunctionConfiguration): Statement[] {
  const out: Statement[] = [];
  if (s.vpc_config || isAttached(deployed)) out.push({ Sid: NETWORK_SIDS.vpc, Effect: 'Allow', Action: VPC_ACTIONS, Resource: '*' });
  if (s.xray_tracing || isTraced(deployed)) out.push({ Sid: NETWORK_SIDS.xray, Effect: 'Allow', Action: XRAY_ACTIONS, Resource: '*' });
  for (const st of s.extra_permissions ?? []) out.push({ ...st });
  return out;
}

/** zap's own policy with the settings' statements after its own. */
export function withStatements(policy: object, extra: Statement[]): object {
  const p = policy as { Version: string; Statement: Statement[] };
  return { ...p, Statement: [...p.Statement, ...extra] };
}

/** What the policy holds, for the step's message: "logs, invoke itself, VPC, X-Ray, 2 extra". */
export function policySummary(s: Network, deployed?: FunctionConfiguration): string {
  const parts = ['logs', 'invoke itself'];
  if (s.vpc_config || isAttached(deployed)) parts.push(s.vpc_config ? 'VPC network interfaces' : 'VPC network interfaces until detached');
  if (s.xray_tracing || isTraced(deployed)) parts.push(s.xray_tracing ? 'X-Ray' : 'X-Ray until tracing is off');
  const n = s.extra_permissions?.length ?? 0;
  if (n) parts.push(`${n} extra statement${n === 1 ? '' : 's'}`);
  return parts.join(', ');
}
