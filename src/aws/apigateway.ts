import {
  CreateApiCommand, DeleteApiCommand, GetApisCommand, GetIntegrationsCommand, GetRoutesCommand, GetStagesCommand,
  type CreateApiCommandInput, type Integration, type Route, type Stage,
} from '@aws-sdk/client-apigatewayv2';
import type { AwsClients } from './clients';
import { isAccessDenied, isNotFound } from './errors';
import { isOwnedBy, type Names } from '../contracts/names';

export interface ApiState {
  apiId: string;
  name: string;
  /** https://<id>.execute-api.<region>.amazonaws.com (no trailing slash). */
  endpoint: string;
  tags: Record<string, string>;
}

/** What an API's $default route reaches: read to check that the quick-create wiring is still as zap made it. */
export interface ApiWiring {
  integrations: Integration[];
  routes: Route[];
  stages: Stage[];
}

/** Bounded: a runaway nextToken never loops forever. */
const MAX_PAGES = 100;

/** Every HTTP/WebSocket API of that name (API names are not unique), through GetApis paging. */
// Read by deploy, undeploy and `zap status` alike, so they live beside the calls that list the APIs.
/** The URL users call: the API's endpoint with the trailing slash a Function URL has too. */
export function apiUrl(endpoint: string): string {
  return endpoint.endsWith('/') ? endpoint : `${endpoint}/`;
}

/** Of the APIs with the function's name, the one zap made for this stage, and those it did not. */
export function pickApi(apis: ApiState[], n: Names): { owned?: ApiState; foreign: ApiState[] } {
  return { owned: apis.find((a) => isOwnedBy(a.tags, n)), foreign: apis.filter((a) => !isOwnedBy(a.tags, n)) };
}

export async function findApisByName(c: AwsClients, name: string): Promise<ApiState[]> {
  const found: ApiState[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const out = await c.apigw.send(new GetApisCommand({ MaxResults: '100', NextToken: nextToken }));
    for (const api of out.Items ?? []) {
      if (api.Name === name) found.push({ apiId: api.ApiId!, name: api.Name, endpoint: api.ApiEndpoint ?? '', tags: api.Tags ?? {} });
    }
    nextToken = out.NextToken;
    if (!nextToken) break;
  }
  return found;
}

/**
 * The same, for callers that only clean up: credentials without API Gateway rights cannot have made
 * an API either, so a stage that never used `api_gateway` deploys and undeploys without them.
 */
export async function findApisToCleanUp(c: AwsClients, name: string): Promise<ApiState[]> {
  try {
    return await findApisByName(c, name);
  } catch (err) {
    if (isAccessDenied(err)) return [];
    throw err;
  }
}

export async function createApi(c: AwsClients, input: CreateApiCommandInput): Promise<ApiState> {
  const out = await c.apigw.send(new CreateApiCommand(input));
  return { apiId: out.ApiId!, name: out.Name!, endpoint: out.ApiEndpoint ?? '', tags: out.Tags ?? {} };
}

/** Integrations, routes and stages of an API (first page each: a quick-created API has one of each). */
export async function getApiWiring(c: AwsClients, apiId: string): Promise<ApiWiring> {
  const [integrations, routes, stages] = await Promise.all([
    c.apigw.send(new GetIntegrationsCommand({ ApiId: apiId, MaxResults: '100' })),
    c.apigw.send(new GetRoutesCommand({ ApiId: apiId, MaxResults: '100' })),
    c.apigw.send(new GetStagesCommand({ ApiId: apiId, MaxResults: '100' })),
  ]);
  return { integrations: integrations.Items ?? [], routes: routes.Items ?? [], stages: stages.Items ?? [] };
}

/** Deletes an API with its routes, integrations and stages; a missing one is fine. */
export async function deleteApi(c: AwsClients, apiId: string): Promise<void> {
  try {
    await c.apigw.send(new DeleteApiCommand({ ApiId: apiId }));
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}
