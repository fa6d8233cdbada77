// API Gateway v2 custom domain names and their API mappings, for zap.json `domain`.
import {
  CreateApiMappingCommand, CreateDomainNameCommand, DeleteApiMappingCommand, DeleteDomainNameCommand, GetApiMappingsCommand, GetDomainNamesCommand,
  UpdateDomainNameCommand, type DomainName,
} from '@aws-sdk/client-apigatewayv2';
import type { AwsClients } from './clients';
import { isAccessDenied, isNotFound } from './errors';

export interface DomainState {
  name: string;
  certificateArn?: string;
  /** The target of the DNS record: d-….execute-api.<region>.amazonaws.com */
  target?: string;
  /** The Route 53 hosted zone of that target, for an alias record. */
  hostedZoneId?: string;
  tags: Record<string, string>;
}

export interface MappingState {
  id: string;
  apiId: string;
  stage: string;
  key: string;
}

const MAX_PAGES = 100;

function stateOf(d: DomainName): DomainState {
  const cfg = d.DomainNameConfigurations?.[0];
  return { name: d.DomainName!, certificateArn: cfg?.CertificateArn, target: cfg?.ApiGatewayDomainName, hostedZoneId: cfg?.HostedZoneId, tags: d.Tags ?? {} };
}

/** Every custom domain name of the account in this region (they carry their tags). */
export async function listDomains(c: AwsClients): Promise<DomainState[]> {
  const out: DomainState[] = [];
  let NextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await c.apigw.send(new GetDomainNamesCommand({ MaxResults: '100', NextToken }));
    out.push(...(res.Items ?? []).map(stateOf));
    NextToken = res.NextToken;
    if (!NextToken) break;
  }
  return out;
}

/** The same, for callers that only clean up: credentials without API Gateway rights made no domain either. */
export async function listDomainsToCleanUp(c: AwsClients): Promise<DomainState[]> {
  try {
    return await listDomains(c);
  } catch (err) {
    if (isAccessDenied(err)) return [];
    throw err;
  }
}

/** A regional domain name (the certificate in the API's region), TLS 1.2. */
export async function createDomain(c: AwsClients, name: string, certificateArn: string, tags: Record<string, string>): Promise<DomainState> {
  const out = await c.apigw.send(
    new CreateDomainNameCommand({ DomainName: name, DomainNameConfigurations: [{ CertificateArn: certificateArn, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' }], Tags: tags }),
  );
  return stateOf(out as DomainName);
}

export async function updateDomainCertificate(c: AwsClients, name: string, certificateArn: string): Promise<void> {
  await c.apigw.send(new UpdateDomainNameCommand({ DomainName: name, DomainNameConfigurations: [{ CertificateArn: certificateArn, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' }] }));
}

export async function getMappings(c: AwsClients, domain: string): Promise<MappingState[]> {
  const res = await c.apigw.send(new GetApiMappingsCommand({ DomainName: domain, MaxResults: '100' }));
  return (res.Items ?? []).map((m) => ({ id: m.ApiMappingId!, apiId: m.ApiId!, stage: m.Stage!, key: m.ApiMappingKey ?? '' }));
}

export async function createMapping(c: AwsClients, domain: string, apiId: string, stage: string): Promise<void> {
  await c.apigw.send(new CreateApiMappingCommand({ DomainName: domain, ApiId: apiId, Stage: stage }));
}

export async function deleteMapping(c: AwsClients, domain: string, id: string): Promise<void> {
  try {
    await c.apigw.send(new DeleteApiMappingCommand({ DomainName: domain, ApiMappingId: id }));
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

/** Its mappings first, then the domain: a run stopped in between leaves a domain that the next run finds and removes. */
export async function deleteDomain(c: AwsClients, name: string): Promise<void> {
  try {
    for (const m of await getMappings(c, name)) await deleteMapping(c, name, m.id);
    await c.apigw.send(new DeleteDomainNameCommand({ DomainName: name }));
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}
