// `zap status`: the function's VPC, its tracing and the custom domain, as deployed (not as zap.json says).
import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { AwsClients } from '../aws/clients';
import { getMappings, listDomainsToCleanUp } from '../aws/domains';
import { isOwnedBy, type Names } from '../contracts/names';

export interface NetworkStatus {
  /** The VPC the function is attached to; null when it is in none. */
  vpc: { id: string; subnets: string[]; security_groups: string[] } | null;
  tracing: string;
  /** zap's custom domain for this stage, the API it maps to and the DNS target; null when none. */
  domain: { name: string; target: string | null; hosted_zone_id: string | null; api: string | null } | null;
}

export async function networkStatus(c: AwsClients, n: Names, cfg: FunctionConfiguration): Promise<NetworkStatus> {
  const v = cfg.VpcConfig;
  const vpc = v?.SubnetIds?.length ? { id: v.VpcId ?? '?', subnets: v.SubnetIds, security_groups: v.SecurityGroupIds ?? [] } : null;
  const owned = (await listDomainsToCleanUp(c)).find((d) => isOwnedBy(d.tags, n));
  const mapping = owned && (await getMappings(c, owned.name))[0];
  const domain = owned ? { name: owned.name, target: owned.target ?? null, hosted_zone_id: owned.hostedZoneId ?? null, api: mapping?.apiId ?? null } : null;
  return { vpc, tracing: cfg.TracingConfig?.Mode ?? 'PassThrough', domain };
}

/** Lines for the human-readable status, in its `row` style. */
export function formatNetwork(s: NetworkStatus, row: (label: string, value: string) => string, dim: (s: string) => string): string[] {
  const out = [row('vpc', s.vpc ? `${s.vpc.id}: subnets ${s.vpc.subnets.join(', ')}; security groups ${s.vpc.security_groups.join(', ')}` : dim('none'))];
  out.push(row('tracing', s.tracing === 'Active' ? 'X-Ray, active' : dim('off (PassThrough)')));
  if (s.domain) out.push(row('domain', `https://${s.domain.name}/ → ${s.domain.api ? `HTTP API ${s.domain.api}` : 'no API mapped'}; DNS: CNAME to ${s.domain.target ?? '?'} (hosted zone ${s.domain.hosted_zone_id ?? '?'})`));
  return out;
}
