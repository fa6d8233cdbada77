// What the production settings name in the account (subnets, security groups, the certificate),
// checked before the deploy changes anything: AWS would refuse it half-way, after the role was made.
import { describeCertificate } from '../aws/acm';
import type { AwsClients } from '../aws/clients';
import { describeSecurityGroups, describeSubnets } from '../aws/ec2';
import { UserError } from '../core/errors';
import type { StageSettings } from '../settings/types';
import type { Reporter } from '../core/output';

export interface PreflightOutcome {
  /** The one VPC of vpc_config's subnets and groups. */
  vpcId?: string;
  /** Availability Zones of the subnets. */
  zones?: string[];
  /** certificate_arn, found ISSUED and covering `domain`. */
  certificate?: string;
}

const where = (s: StageSettings, key: string) => `zap.json: stage '${s.stage}', key '${key}'`;
const bad = (s: StageSettings, key: string, what: string) => new UserError(`${where(s, key)}: ${what}`, 2);

export async function preflight(c: AwsClients, s: StageSettings, report: Reporter): Promise<PreflightOutcome> {
  const out: PreflightOutcome = {};
  if (s.vpc_config) Object.assign(out, await checkVpc(c, s));
  if (s.domain && s.certificate_arn) out.certificate = await checkCertificate(c, s, s.domain, s.certificate_arn);
  if (out.vpcId) report.step('vpc', `${out.vpcId}: ${s.vpc_config!.SubnetIds.length} subnet(s) in ${out.zones!.join(', ')}, ${s.vpc_config!.SecurityGroupIds.length} security group(s)`, 'same');
  // zap puts these permissions only on the role it makes; Lambda refuses a VPC to a role without them.
  if (s.role_arn && s.vpc_config) report.step('vpc', `the role ${s.role_arn} (role_arn) must allow ec2:CreateNetworkInterface, DescribeNetworkInterfaces and DeleteNetworkInterface (AWSLambdaVPCAccessExecutionRole)`, 'warn');
  if (s.role_arn && s.xray_tracing) report.step('tracing', `the role ${s.role_arn} (role_arn) must allow xray:PutTraceSegments and xray:PutTelemetryRecords to send traces`, 'warn');
  return out;
}

async function checkVpc(c: AwsClients, s: StageSettings): Promise<PreflightOutcome> {
  const { SubnetIds, SecurityGroupIds } = s.vpc_config!;
  const [subnets, groups] = await Promise.all([describeSubnets(c, SubnetIds), describeSecurityGroups(c, SecurityGroupIds)]);
  if (subnets.missing.length) throw bad(s, 'vpc_config.SubnetIds', `no subnet ${subnets.missing.join(', ')} in ${c.region}; \`aws ec2 describe-subnets\` lists the ones there`);
  if (groups.missing.length) throw bad(s, 'vpc_config.SecurityGroupIds', `no security group ${groups.missing.join(', ')} in ${c.region}; \`aws ec2 describe-security-groups\` lists the ones there`);
  const vpcs = new Set([...subnets.found, ...groups.found].map((x) => x.vpcId));
  if (vpcs.size > 1) {
    const list = [...subnets.found, ...groups.found].map((x) => `${x.id} in ${x.vpcId}`).join(', ');
    throw bad(s, 'vpc_config', `the subnets and security groups must all be in one VPC (Lambda's rule), got ${list}`);
  }
  return { vpcId: [...vpcs][0], zones: [...new Set(subnets.found.map((x) => x.zone ?? '?'))].sort() };
}

/** A name a certificate entry covers: itself, or one label under a wildcard ("*.example.com" covers "api.example.com"). */
export function covers(entry: string, domain: string): boolean {
  if (entry === domain) return true;
  return entry.startsWith('*.') && domain.split('.').slice(1).join('.') === entry.slice(2);
}

async function checkCertificate(c: AwsClients, s: StageSettings, domain: string, arn: string): Promise<string> {
  if (arn.split(':')[3] !== c.region) throw bad(s, 'certificate_arn', `the certificate is in ${arn.split(':')[3]}, but a regional API Gateway domain needs one in ${c.region}; request or import it there`);
  const cert = await describeCertificate(c, arn);
  if (!cert) throw bad(s, 'certificate_arn', `ACM has no certificate ${arn} in ${c.region}; \`aws acm list-certificates\` lists them`);
  if (cert.status !== 'ISSUED') throw bad(s, 'certificate_arn', `the certificate is ${cert.status}, expected ISSUED; finish its validation in ACM (DNS validation records), then deploy again`);
  if (!cert.names.some((n) => covers(n, domain))) throw bad(s, 'certificate_arn', `the certificate covers ${cert.names.join(', ')}, not ${domain}; use a certificate for ${domain}`);
  return arn;
}
