// The parts of an API that quick create makes: integrations, routes, stages (read-only here).
import { page } from '../context';
import { maxResults } from './apis';
import { badRequest, getApi, type ApiGatewayEnv } from './env';
import type { ApiRouteRecord, IntegrationRecord, StageRecord } from '../model';

function paged<T>(items: T[], query: URLSearchParams) {
  const p = page(items, query.get('nextToken') ?? undefined, maxResults(query), () => badRequest('Invalid nextToken'));
  return { items: p.items, ...(p.next ? { nextToken: p.next } : {}) };
}

const renderIntegration = (i: IntegrationRecord) => ({ ...i, apiGatewayManaged: true });
const renderRoute = (r: ApiRouteRecord) => ({
  apiGatewayManaged: true, apiKeyRequired: false, authorizationType: 'NONE', routeId: r.routeId, routeKey: r.routeKey, ...(r.target ? { target: r.target } : {}),
});
const renderStage = (s: StageRecord) => ({
  apiGatewayManaged: true, autoDeploy: s.autoDeploy, createdDate: new Date(s.createdAt).toISOString(), lastUpdatedDate: new Date(s.createdAt).toISOString(),
  defaultRouteSettings: { detailedMetricsEnabled: false }, routeSettings: {}, stageName: s.stageName, stageVariables: {}, tags: {},
});

export const getIntegrations = (env: ApiGatewayEnv, apiId: string, q: URLSearchParams) => paged(getApi(env, apiId).integrations.map(renderIntegration), q);
export const getRoutes = (env: ApiGatewayEnv, apiId: string, q: URLSearchParams) => paged(getApi(env, apiId).routes.map(renderRoute), q);
export const getStages = (env: ApiGatewayEnv, apiId: string, q: URLSearchParams) => paged(getApi(env, apiId).stages.map(renderStage), q);
