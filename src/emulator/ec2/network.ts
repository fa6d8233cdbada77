import { randomBytes } from 'node:crypto';

export interface VpcRecord {
  vpcId: string;
  cidrBlock: string;
  isDefault: boolean;
}

export interface SubnetRecord {
  subnetId: string;
  vpcId: string;
  cidrBlock: string;
  availabilityZone: string;
  defaultForAz: boolean;
}

export interface SecurityGroupRecord {
  groupId: string;
  groupName: string;
  description: string;
  vpcId: string;
}

/** The account's VPCs, subnets and security groups in the emulator's one region. */
export interface NetworkData {
  vpcs: Record<string, VpcRecord>;
  subnets: Record<string, SubnetRecord>;
  groups: Record<string, SecurityGroupRecord>;
}

/** EC2's long ids: a prefix and 17 hex digits (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html). */
export const newEc2Id = (prefix: 'vpc' | 'subnet' | 'sg') => `${prefix}-${randomBytes(9).toString('hex').slice(0, 17)}`;

/**
 * What every account has in a region: the default VPC 172.31.0.0/16, one default subnet per
 * Availability Zone (/20 each) and the VPC's "default" security group:
 * https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html
 */
export function defaultNetwork(region: string): NetworkData {
  const vpc: VpcRecord = { vpcId: newEc2Id('vpc'), cidrBlock: '172.31.0.0/16', isDefault: true };
  const net: NetworkData = { vpcs: { [vpc.vpcId]: vpc }, subnets: {}, groups: {} };
  ['a', 'b', 'c'].forEach((zone, i) => {
    const s: SubnetRecord = { subnetId: newEc2Id('subnet'), vpcId: vpc.vpcId, cidrBlock: `172.31.${i * 16}.0/20`, availabilityZone: `${region}${zone}`, defaultForAz: true };
    net.subnets[s.subnetId] = s;
  });
  const sg: SecurityGroupRecord = { groupId: newEc2Id('sg'), groupName: 'default', description: 'default VPC security group', vpcId: vpc.vpcId };
  net.groups[sg.groupId] = sg;
  return net;
}
