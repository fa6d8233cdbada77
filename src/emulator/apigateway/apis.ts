import { randomBytes } from 'node:crypto';
import { page } from '../context';
import type { ApiRecord } from '../model';
import { badRequest, endpointOf, getApi, type ApiGatewayEnv } from './env';
import { checkTags } from './tags';

/** API Gateway's ids: 10 lower-case letters and digits. */
export function newId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(10)].map((b) => alphabet[b % alphabet.length]).join('');
}

export function renderApi(api: ApiRecord) {
  return {
    apiEndpoint: endpointOf(api),
    apiId: api.apiId,
    apiKeySelectionExpression: '$request.header.x-api-key',
    createdDate: new Date(api.createdAt).toISOString(),
    ...(api.description !== undefined ? { description: api.description } : {}),
    disableExecuteApiEndpoint: false,
    ipAddressType: 'ipv4',
    name: api.name,
    protocolType: api.protocolType,
    routeSelectionExpression: '$request.method $request.path',
    tags: { ...api.tags },
  };
}

/** Quick create takes a Lambda function ARN (or API Gateway's …/functions/<arn>/invocations URI). */
const LAMBDA_TARGET = /^arn:aws[a-z-]*:(lambda:[a-z0-9-]+:\d{12}:function:|apigateway:[a-z0-9-]+:lambda:path\/2015-03-31\/functions\/arn:)/;

/**
 * CreateApi; with `target`, "quick create": an AWS_PROXY integration (payload 2.0), a route
 * (`routeKey`, default `$default`) and the auto-deployed `$default` stage:
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis.html#CreateApi
 */
export async function createApi(env: ApiGatewayEnv, input: Record<string, any>) {
  if (typeof input.name !== 'string' || !input.name) throw badRequest('Invalid input: name is required');
  if (input.protocolType !== 'HTTP') {
    throw badRequest(input.protocolType === 'WEBSOCKET' ? 'WEBSOCKET APIs are not emulated; use protocolType HTTP' : 'Invalid protocolType: must be HTTP or WEBSOCKET');
  }
  if (input.target !== undefined && (typeof input.target !== 'string' || !LAMBDA_TARGET.test(input.target))) {
    throw badRequest(`Invalid target ${String(input.target)}: the emulator's quick create takes a Lambda function ARN`);
  }
  if (input.routeKey !== undefined && input.target === undefined) throw badRequest('routeKey is only supported with target (quick create)');
  checkTags(input.tags ?? {});
  const now = env.lambda.ctx.now();
  const apiId = newId();
  const api: ApiRecord = {
    apiId, name: input.name, protocolType: 'HTTP', description: input.description, createdAt: now, port: 0,
    tags: { ...(input.tags ?? {}) }, integrations: [], routes: [], stages: [],
  };
  if (input.target) {
    const integrationId = newId().slice(0, 7);
    api.integrations.push({
      integrationId, integrationType: 'AWS_PROXY', integrationUri: input.target, integrationMethod: 'POST',
      payloadFormatVersion: '2.0', timeoutInMillis: 30000, connectionType: 'INTERNET',
    });
    api.routes.push({ routeId: newId().slice(0, 7), routeKey: input.routeKey ?? '$default', target: `integrations/${integrationId}` });
    api.stages.push({ stageName: '$default', autoDeploy: true, createdAt: now });
  }
  api.port = await env.listeners.open(apiId, 0);
  env.lambda.data.apis[apiId] = api;
  return renderApi(api);
}

export function getApiOp(env: ApiGatewayEnv, apiId: string) {
  return renderApi(getApi(env, apiId));
}

/** Oldest first, as a stable order for page tokens. */
export function getApis(env: ApiGatewayEnv, query: URLSearchParams) {
  const all = Object.values(env.lambda.data.apis).sort((a, b) => a.createdAt - b.createdAt || a.apiId.localeCompare(b.apiId));
  const p = page(all.map(renderApi), query.get('nextToken') ?? undefined, maxResults(query), () => badRequest('Invalid nextToken'));
  return { items: p.items, ...(p.next ? { nextToken: p.next } : {}) };
}

export async function deleteApi(env: ApiGatewayEnv, apiId: string): Promise<void> {
  getApi(env, apiId);
  await env.listeners.close(apiId);
  delete env.lambda.data.apis[apiId];
}

/** maxResults is a string on the wire; API Gateway pages 100 items when it is absent. */
export function maxResults(query: URLSearchParams): number {
  const raw = query.get('maxResults');
  if (raw === null) return 100;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 500) throw badRequest(`Invalid maxResults: ${raw}`);
  return n;
}
