// EC2's network reads (and the few writes tests need to make a second VPC), over the emulator's
// NetworkData. Error codes and messages: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html
import type { Ctx } from '../context';
import { AwsError } from '../errors';
import type { EmulatorData } from '../model';
import { ec2Filters, ec2List } from './xml';
import { newEc2Id, type NetworkData, type SecurityGroupRecord, type SubnetRecord, type VpcRecord } from './network';

type Params = Record<string, string>;
type Action = (p: Params, ctx: Ctx, net: NetworkData) => Record<string, unknown>;

const ID = { vpc: /^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/, subnet: /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/, sg: /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/ };
const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

const renderVpc = (ctx: Ctx, v: VpcRecord) => ({
  vpcId: v.vpcId, ownerId: ctx.accountId, state: 'available', cidrBlock: v.cidrBlock, dhcpOptionsId: 'dopt-00000000', instanceTenancy: 'default', isDefault: v.isDefault,
});
const renderSubnet = (ctx: Ctx, s: SubnetRecord) => ({
  subnetId: s.subnetId, subnetArn: `arn:aws:ec2:${ctx.region}:${ctx.accountId}:subnet/${s.subnetId}`, vpcId: s.vpcId, state: 'available', cidrBlock: s.cidrBlock,
  availabilityZone: s.availabilityZone, availableIpAddressCount: 4091, defaultForAz: s.defaultForAz, mapPublicIpOnLaunch: s.defaultForAz, ownerId: ctx.accountId,
});
const renderGroup = (ctx: Ctx, g: SecurityGroupRecord) => ({
  ownerId: ctx.accountId, groupId: g.groupId, groupName: g.groupName, groupDescription: g.description, vpcId: g.vpcId, ipPermissions: [], ipPermissionsEgress: [],
});

/** The records with these ids (all when none asked), refusing the whole call for one that is malformed or missing, as EC2 does. */
function pick<T>(all: Record<string, T>, ids: string[], pattern: RegExp, malformed: string, notFound: (id: string) => AwsError): T[] {
  for (const id of ids) {
    if (!pattern.test(id)) throw new AwsError(malformed, `Invalid id: "${id}"`);
    if (!all[id]) throw notFound(id);
  }
  return ids.length ? ids.map((id) => all[id]) : Object.values(all);
}

function byVpc<T extends { vpcId: string }>(items: T[], p: Params): T[] {
  const vpcs = ec2Filters(p)['vpc-id'];
  return vpcs ? items.filter((x) => vpcs.includes(x.vpcId)) : items;
}

const required = (p: Params, name: string) => {
  if (!p[name]) throw new AwsError('MissingParameter', `The request must contain the parameter ${name}`);
  return p[name];
};

function vpcOf(net: NetworkData, id: string): VpcRecord {
  const vpc = net.vpcs[id];
  if (!vpc) throw new AwsError('InvalidVpcID.NotFound', `The vpc ID '${id}' does not exist`);
  return vpc;
}

const ACTIONS: Record<string, Action> = {
  DescribeVpcs: (p, ctx, net) => ({
    vpcSet: byVpc(pick(net.vpcs, ec2List(p, 'VpcId'), ID.vpc, 'InvalidVpcID.Malformed', (id) => new AwsError('InvalidVpcID.NotFound', `The vpc ID '${id}' does not exist`)), p).map((v) => renderVpc(ctx, v)),
  }),
  DescribeSubnets: (p, ctx, net) => ({
    subnetSet: byVpc(pick(net.subnets, ec2List(p, 'SubnetId'), ID.subnet, 'InvalidSubnetID.Malformed', (id) => new AwsError('InvalidSubnetID.NotFound', `The subnet ID '${id}' does not exist`)), p).map((s) => renderSubnet(ctx, s)),
  }),
  DescribeSecurityGroups: (p, ctx, net) => ({
    securityGroupInfo: byVpc(pick(net.groups, ec2List(p, 'GroupId'), ID.sg, 'InvalidGroupId.Malformed', (id) => new AwsError('InvalidGroup.NotFound', `The security group '${id}' does not exist`)), p).map((g) => renderGroup(ctx, g)),
  }),
  CreateVpc(p, ctx, net) {
    const cidr = required(p, 'CidrBlock');
    if (!CIDR.test(cidr) || Number(CIDR.exec(cidr)![5]) < 16 || Number(CIDR.exec(cidr)![5]) > 28) throw new AwsError('InvalidParameterValue', `Value (${cidr}) for parameter cidrBlock is invalid. This is not a valid CIDR block.`);
    const vpc: VpcRecord = { vpcId: newEc2Id('vpc'), cidrBlock: cidr, isDefault: false };
    net.vpcs[vpc.vpcId] = vpc;
    const sg: SecurityGroupRecord = { groupId: newEc2Id('sg'), groupName: 'default', description: 'default VPC security group', vpcId: vpc.vpcId };
    net.groups[sg.groupId] = sg;
    return { vpc: renderVpc(ctx, vpc) };
  },
  CreateSubnet(p, ctx, net) {
    const vpc = vpcOf(net, required(p, 'VpcId'));
    const cidr = required(p, 'CidrBlock');
    if (!CIDR.test(cidr)) throw new AwsError('InvalidParameterValue', `Value (${cidr}) for parameter cidrBlock is invalid. This is not a valid CIDR block.`);
    const zone = p.AvailabilityZone ?? `${ctx.region}a`;
    if (!zone.startsWith(ctx.region)) throw new AwsError('InvalidParameterValue', `Value (${zone}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: ${ctx.region}a, ${ctx.region}b, ${ctx.region}c.`);
    const s: SubnetRecord = { subnetId: newEc2Id('subnet'), vpcId: vpc.vpcId, cidrBlock: cidr, availabilityZone: zone, defaultForAz: false };
    net.subnets[s.subnetId] = s;
    return { subnet: renderSubnet(ctx, s) };
  },
  CreateSecurityGroup(p, _ctx, net) {
    const name = required(p, 'GroupName');
    const description = required(p, 'GroupDescription');
    const vpcId = p.VpcId ?? Object.values(net.vpcs).find((v) => v.isDefault)?.vpcId ?? '';
    vpcOf(net, vpcId);
    if (Object.values(net.groups).some((g) => g.vpcId === vpcId && g.groupName === name)) throw new AwsError('InvalidGroup.Duplicate', `The security group '${name}' already exists for VPC '${vpcId}'`);
    const g: SecurityGroupRecord = { groupId: newEc2Id('sg'), groupName: name, description, vpcId };
    net.groups[g.groupId] = g;
    return { groupId: g.groupId, return: true };
  },
};

export function ec2Action(action: string): ((p: Params, ctx: Ctx, data: EmulatorData) => Record<string, unknown>) | undefined {
  const fn = Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
  return fn && ((p, ctx, data) => fn(p, ctx, data.network!));
}
