import type { AwsClients } from './clients';
import { errorName } from './errors';

/** Loaded on first use, with the client (see AwsClients.ec2). */
const ec2Commands = () => import('@aws-sdk/client-ec2');

export interface NetworkPiece {
  id: string;
  vpcId: string;
  /** A subnet's Availability Zone. */
  zone?: string;
}

/** What EC2 found of these ids, and which it says do not exist. */
export interface Found {
  found: NetworkPiece[];
  missing: string[];
}

/**
 * DescribeSubnets and DescribeSecurityGroups refuse the whole call when one id does not exist
 * (InvalidSubnetID.NotFound, InvalidGroup.NotFound, naming it), so a refused id is asked alone to
 * name every missing one: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html
 */
async function describe(ids: string[], one: (ids: string[]) => Promise<NetworkPiece[]>, notFound: RegExp): Promise<Found> {
  try {
    return { found: await one(ids), missing: [] };
  } catch (err) {
    if (!notFound.test(errorName(err))) throw err;
  }
  const out: Found = { found: [], missing: [] };
  for (const id of ids) {
    try {
      out.found.push(...(await one([id])));
    } catch (err) {
      if (!notFound.test(errorName(err))) throw err;
      out.missing.push(id);
    }
  }
  return out;
}

export function describeSubnets(c: AwsClients, ids: string[]): Promise<Found> {
  return describe(
    ids,
    async (SubnetIds) => ((await (await c.ec2()).send(new (await ec2Commands()).DescribeSubnetsCommand({ SubnetIds }))).Subnets ?? []).map((s) => ({ id: s.SubnetId!, vpcId: s.VpcId!, zone: s.AvailabilityZone })),
    /^InvalidSubnetID\.(NotFound|Malformed)$/,
  );
}

export function describeSecurityGroups(c: AwsClients, ids: string[]): Promise<Found> {
  return describe(
    ids,
    async (GroupIds) => ((await (await c.ec2()).send(new (await ec2Commands()).DescribeSecurityGroupsCommand({ GroupIds }))).SecurityGroups ?? []).map((g) => ({ id: g.GroupId!, vpcId: g.VpcId! })),
    /^InvalidGroup(Id)?\.(NotFound|Malformed)$/,
  );
}
