// Lambda's VpcConfig and TracingConfig, validated as Lambda validates them: the ids exist in EC2
// (the emulator's own network), all in one VPC, and the role may create network interfaces.
// https://docs.aws.amazon.com/lambda/latest/api/API_VpcConfig.html, https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html
import { invalidParam, validation } from '../errors';
import type { EmulatorData, FnVersion } from '../model';

type Vpc = NonNullable<FnVersion['vpc']>;

function idList(v: unknown, field: string, max: number): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw validation(`vpcConfig.${field}`, JSON.stringify(v), 'Member must be a list of strings');
  if (v.length > max) throw validation(`vpcConfig.${field}`, `[${v.join(', ')}]`, `Member must have length less than or equal to ${max}`);
  return v as string[];
}

/** The VpcConfig as Lambda stores it; empty lists detach the function. */
export function checkVpcConfig(data: EmulatorData, input: unknown, roleArn: string): Vpc {
  const cfg = (input ?? {}) as { SubnetIds?: unknown; SecurityGroupIds?: unknown };
  const subnetIds = idList(cfg.SubnetIds, 'subnetIds', 16);
  const securityGroupIds = idList(cfg.SecurityGroupIds, 'securityGroupIds', 5);
  if (!subnetIds.length !== !securityGroupIds.length) throw invalidParam('SubnetIds and SecurityGroupIds must coexist or be both empty list.');
  if (!subnetIds.length) return { subnetIds: [], securityGroupIds: [], vpcId: '' };
  const net = data.network!;
  // Lambda asks EC2 and passes its answer on.
  for (const id of subnetIds) {
    if (!net.subnets[id]) throw invalidParam(`Error occurred while DescribeSubnets. EC2 Error Code: InvalidSubnetID.NotFound. EC2 Error Message: The subnet ID '${id}' does not exist`);
  }
  for (const id of securityGroupIds) {
    if (!net.groups[id]) throw invalidParam(`Error occurred while DescribeSecurityGroups. EC2 Error Code: InvalidGroup.NotFound. EC2 Error Message: The security group '${id}' does not exist`);
  }
  const vpcs = new Set([...subnetIds.map((id) => net.subnets[id].vpcId), ...securityGroupIds.map((id) => net.groups[id].vpcId)]);
  if (vpcs.size > 1) throw invalidParam(`The subnets and security groups of a function must all be in one VPC; these are in ${[...vpcs].join(', ')}.`);
  if (!mayCreateInterfaces(data, roleArn)) throw invalidParam('The provided execution role does not have permissions to call CreateNetworkInterface on EC2');
  return { subnetIds, securityGroupIds, vpcId: [...vpcs][0] };
}

/** AWS managed policies that grant it (https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html#configuration-vpc-permissions). */
const MANAGED = /:policy\/service-role\/(AWSLambdaVPCAccessExecutionRole|AWSLambdaENIManagementAccess)$/;

/** An Allow of ec2:CreateNetworkInterface (or a wildcard covering it) in the role's inline or attached policies. */
function mayCreateInterfaces(data: EmulatorData, roleArn: string): boolean {
  const role = data.roles[roleArn.split('/').pop() ?? ''];
  if (!role) return false;
  if (role.attached.some((a) => MANAGED.test(a))) return true;
  return Object.values(role.inline).some((doc) => {
    const statements = [JSON.parse(doc).Statement].flat() as { Effect?: string; Action?: string | string[] }[];
    return statements.some((s) => s.Effect === 'Allow' && [s.Action ?? []].flat().some((a) => glob(a).test('ec2:CreateNetworkInterface')));
  });
}

const glob = (pattern: string) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');

export function checkTracing(input: unknown): 'Active' | 'PassThrough' {
  const mode = (input as { Mode?: unknown } | undefined)?.Mode ?? 'PassThrough';
  if (mode !== 'Active' && mode !== 'PassThrough') throw validation('tracingConfig.mode', mode, 'Member must satisfy enum value set: [Active, PassThrough]');
  return mode;
}

/** As GetFunctionConfiguration shows it: absent for a function never attached. */
export function renderVpc(v: FnVersion): Record<string, unknown> | undefined {
  if (!v.vpc) return undefined;
  return { SubnetIds: v.vpc.subnetIds, SecurityGroupIds: v.vpc.securityGroupIds, VpcId: v.vpc.vpcId, Ipv6AllowedForDualStack: false };
}
