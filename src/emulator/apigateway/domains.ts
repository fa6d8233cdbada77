// API Gateway v2 custom domain names and API mappings:
// https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/domainnames.html and …/domainnames-domainname-apimappings.html
import { createHash } from 'node:crypto';
import { certificateOf } from '../acm/certificates';
import { AwsError } from '../errors';
import { parseJsonBody, type RestRequest } from '../protocol/rest-json';
import { badRequest, getApi, type ApiGatewayEnv } from './env';
import { newId } from './apis';
import { checkTags } from './tags';
import type { DomainRecord, MappingRecord } from '../model';

// Route 53 hosted zones of regional API Gateway endpoints: https://docs.aws.amazon.com/general/latest/gr/apigateway.html
const HOSTED_ZONES: Record<string, string> = { 'us-east-1': 'Z1UJRXOUMOOFQ8', 'us-west-2': 'Z2OJLYMUO9EFXC', 'eu-west-1': 'ZLY8HYME6SFDD', 'eu-central-1': 'Z1U9ULNL0V5AJ3' };
const hostedZone = (region: string) => HOSTED_ZONES[region] ?? `Z${createHash('sha256').update(region).digest('hex').slice(0, 12).toUpperCase()}`;

const DOMAIN = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const notFoundDomain = () => new AwsError('NotFoundException', 'Invalid domain name identifier specified', 404);

function domainOf(env: ApiGatewayEnv, name: string): DomainRecord {
  const d = env.lambda.data.domains[name];
  if (!d) throw notFoundDomain();
  return d;
}

function render(env: ApiGatewayEnv, d: DomainRecord) {
  return {
    apiMappingSelectionExpression: '$request.basepath',
    domainName: d.domainName,
    domainNameArn: d.arn,
    domainNameConfigurations: [{
      apiGatewayDomainName: d.apiGatewayDomainName, certificateArn: d.certificateArn, domainNameStatus: 'AVAILABLE',
      endpointType: 'REGIONAL', hostedZoneId: hostedZone(env.lambda.ctx.region), securityPolicy: d.securityPolicy, ipAddressType: 'ipv4',
    }],
    tags: { ...d.tags },
  };
}

/** One configuration, REGIONAL, with an ISSUED certificate of this region that covers the name. */
function configurationOf(env: ApiGatewayEnv, domain: string, input: Record<string, any>): { certificateArn: string; securityPolicy: string } {
  const configs = input.domainNameConfigurations;
  if (!Array.isArray(configs) || configs.length !== 1) throw badRequest('Exactly one domainNameConfiguration is required');
  const c = configs[0] ?? {};
  if (c.endpointType !== undefined && c.endpointType !== 'REGIONAL') throw badRequest(`Invalid endpointType ${c.endpointType}: HTTP APIs support REGIONAL domain names`);
  if (c.securityPolicy !== undefined && c.securityPolicy !== 'TLS_1_2') throw badRequest(`Invalid securityPolicy ${c.securityPolicy}: regional domain names of HTTP APIs support TLS_1_2`);
  let cert;
  try {
    cert = certificateOf(env.lambda.data, c.certificateArn);
  } catch {
    throw badRequest(`Certificate ${String(c.certificateArn)} not found in ${env.lambda.ctx.region}: a regional domain name needs an ACM certificate in the API's region`);
  }
  const covered = cert.names.some((n) => n === domain || (n.startsWith('*.') && domain.split('.').slice(1).join('.') === n.slice(2)));
  if (!covered) throw badRequest(`The certificate ${cert.arn} does not cover the domain name ${domain}`);
  return { certificateArn: cert.arn, securityPolicy: c.securityPolicy ?? 'TLS_1_2' };
}

export function createDomainName(env: ApiGatewayEnv, input: Record<string, any>) {
  const name = input.domainName;
  if (typeof name !== 'string' || name.length > 253 || !DOMAIN.test(name)) throw badRequest(`Invalid domain name: ${String(name)}`);
  if (env.lambda.data.domains[name]) throw new AwsError('ConflictException', 'The domain name you provided already exists.', 409);
  const config = configurationOf(env, name, input);
  checkTags(input.tags ?? {});
  const { region } = env.lambda.ctx;
  const d: DomainRecord = {
    domainName: name, arn: `arn:aws:apigateway:${region}::/domainnames/${name}`, ...config,
    apiGatewayDomainName: `d-${newId()}.execute-api.${region}.amazonaws.com`, tags: { ...(input.tags ?? {}) }, mappings: [],
  };
  env.lambda.data.domains[name] = d;
  return render(env, d);
}

export const getDomainName = (env: ApiGatewayEnv, name: string) => render(env, domainOf(env, name));

export const getDomainNames = (env: ApiGatewayEnv) => ({ items: Object.values(env.lambda.data.domains).sort((a, b) => a.domainName.localeCompare(b.domainName)).map((d) => render(env, d)) });

export function updateDomainName(env: ApiGatewayEnv, name: string, input: Record<string, any>) {
  const d = domainOf(env, name);
  Object.assign(d, configurationOf(env, name, input));
  return render(env, d);
}

export function deleteDomainName(env: ApiGatewayEnv, name: string): void {
  domainOf(env, name);
  delete env.lambda.data.domains[name];
}

const renderMapping = (m: MappingRecord) => ({ apiId: m.apiId, apiMappingId: m.apiMappingId, apiMappingKey: m.apiMappingKey, stage: m.stage });

export function createApiMapping(env: ApiGatewayEnv, name: string, input: Record<string, any>) {
  const d = domainOf(env, name);
  const api = getApi(env, String(input.apiId ?? ''));
  if (!api.stages.some((s) => s.stageName === input.stage)) throw new AwsError('NotFoundException', 'Invalid stage identifier specified', 404);
  const key = typeof input.apiMappingKey === 'string' ? input.apiMappingKey : '';
  if (d.mappings.some((m) => m.apiMappingKey === key)) throw new AwsError('ConflictException', `The API mapping already exists for the domain name and mapping key '${key}'.`, 409);
  const m: MappingRecord = { apiMappingId: newId().slice(0, 6), apiId: api.apiId, stage: input.stage, apiMappingKey: key };
  d.mappings.push(m);
  return renderMapping(m);
}

export const getApiMappings = (env: ApiGatewayEnv, name: string) => ({ items: domainOf(env, name).mappings.map(renderMapping) });

export function deleteApiMapping(env: ApiGatewayEnv, name: string, id: string): void {
  const d = domainOf(env, name);
  if (!d.mappings.some((m) => m.apiMappingId === id)) throw new AwsError('NotFoundException', 'Invalid mapping identifier specified', 404);
  d.mappings = d.mappings.filter((m) => m.apiMappingId !== id);
}

const D = '/v2/domainnames/{DomainName}';
const dn = (r: RestRequest) => r.params.DomainName;

/** [method, path, operation, status, handler] rows for routes.ts. */
export const DOMAIN_ROUTES: [string, string, string, number, (r: RestRequest, e: ApiGatewayEnv) => unknown][] = [
  ['POST', '/v2/domainnames', 'CreateDomainName', 201, (r, e) => createDomainName(e, parseJsonBody(r.body))],
  ['GET', '/v2/domainnames', 'GetDomainNames', 200, (_r, e) => getDomainNames(e)],
  ['GET', D, 'GetDomainName', 200, (r, e) => getDomainName(e, dn(r))],
  ['PATCH', D, 'UpdateDomainName', 200, (r, e) => updateDomainName(e, dn(r), parseJsonBody(r.body))],
  ['DELETE', D, 'DeleteDomainName', 204, (r, e) => deleteDomainName(e, dn(r))],
  ['POST', `${D}/apimappings`, 'CreateApiMapping', 201, (r, e) => createApiMapping(e, dn(r), parseJsonBody(r.body))],
  ['GET', `${D}/apimappings`, 'GetApiMappings', 200, (r, e) => getApiMappings(e, dn(r))],
  ['DELETE', `${D}/apimappings/{ApiMappingId}`, 'DeleteApiMapping', 204, (r, e) => deleteApiMapping(e, dn(r), r.params.ApiMappingId)],
];
