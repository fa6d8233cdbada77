import { createDomain, createMapping, deleteDomain, deleteMapping, getMappings, listDomains, listDomainsToCleanUp, updateDomainCertificate, type DomainState } from '../../aws/domains';
import { UserError } from '../../core/errors';
import { DEFAULT_KEY } from '../api-gateway-params';
import { type DeployContext, unchanged, write } from '../context';
import { isOwnedBy, ownershipTags } from '../../contracts/names';

/** The custom domain as deployed: what the DNS record must point at. */
export interface DomainOutcome {
  name: string;
  /** d-….execute-api.<region>.amazonaws.com: the CNAME's value, or the alias record's target (undefined in plan mode before it exists). */
  target?: string;
  /** The target's Route 53 hosted zone, for an alias record. */
  hostedZoneId?: string;
  changed: boolean;
}

/** The DNS record to create, in one line. */
export function dnsRecord(d: { name: string; target?: string; hostedZoneId?: string }): string {
  if (!d.target) return `${d.name}: a CNAME to the domain's API Gateway name (shown once it exists)`;
  return `CNAME ${d.name} → ${d.target} (or a Route 53 alias A/AAAA record to ${d.target}, hosted zone ${d.hostedZoneId ?? '?'})`;
}

/**
 * `domain` + `certificate_arn`: a regional API Gateway domain name mapped to the HTTP API's $default
 * stage. A domain zap made that the settings no longer name (removed or renamed) goes, mapping first.
 * `apiId` is the stage's HTTP API (undefined when there is none, or in plan mode before it exists).
 */
export async function ensureDomain(ctx: DeployContext, apiId: string | undefined): Promise<DomainOutcome | undefined> {
  const { clients, names: n, settings } = ctx;
  const wanted = settings.http === 'api_gateway' ? settings.domain : undefined;
  const all = wanted ? await listDomains(clients) : await listDomainsToCleanUp(clients);
  for (const old of all.filter((d) => isOwnedBy(d.tags, n) && d.name !== wanted)) {
    await write(ctx, 'domain', `remove custom domain ${old.name} (${wanted ? `domain is now ${wanted}` : 'domain removed from zap.json'})`, () => deleteDomain(clients, old.name));
  }
  if (!wanted) return undefined;
  const cert = settings.certificate_arn!;
  let domain: DomainState | undefined = all.find((d) => d.name === wanted);
  if (domain && !isOwnedBy(domain.tags, n)) {
    throw new UserError(`a custom domain ${wanted} exists in API Gateway but was not made by zap for ${n.project}/${n.stage}; zap will not adopt it. Delete it, or choose another domain`);
  }
  let changed = false;
  if (!domain) {
    domain = await write(ctx, 'domain', `create custom domain ${wanted} (regional, TLS 1.2)`, () => createDomain(clients, wanted, cert, { ...settings.tags, ...ownershipTags(n) }));
    changed = true;
  } else if (domain.certificateArn !== cert) {
    await write(ctx, 'domain', `use certificate ${cert} for ${wanted}`, () => updateDomainCertificate(clients, wanted, cert));
    changed = true;
  }
  changed = (await ensureMapping(ctx, wanted, domain !== undefined, apiId)) || changed;
  const out: DomainOutcome = { name: wanted, target: domain?.target, hostedZoneId: domain?.hostedZoneId, changed };
  if (!changed) unchanged(ctx, 'domain', `https://${wanted} → HTTP API ${apiId}`);
  ctx.report.step('dns', dnsRecord(out), 'same');
  return out;
}

/** One mapping, the domain's root onto the API's $default stage; any other (an API replaced since) goes. */
async function ensureMapping(ctx: DeployContext, domain: string, exists: boolean, apiId: string | undefined): Promise<boolean> {
  const { clients } = ctx;
  const mappings = exists ? await getMappings(clients, domain) : [];
  const good = mappings.find((m) => m.apiId === apiId && m.stage === DEFAULT_KEY && m.key === '');
  let changed = false;
  for (const m of mappings.filter((x) => x !== good)) {
    await write(ctx, 'domain', `remove mapping of ${domain} to API ${m.apiId}`, () => deleteMapping(clients, domain, m.id));
    changed = true;
  }
  if (!good) {
    await write(ctx, 'domain', `map ${domain} to HTTP API ${apiId ?? '(new)'}, stage ${DEFAULT_KEY}`, () => createMapping(clients, domain, apiId!, DEFAULT_KEY));
    changed = true;
  }
  return changed;
}
