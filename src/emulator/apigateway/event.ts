// Pure pieces of serving an HTTP API request: which route, which function, whether it may be
// invoked, and the payload 2.0 event API Gateway sends:
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
import { toUrlEvent, type UrlRequest } from '../../contracts/function-url';
import { parseFunctionName, type FnRef } from '../lambda/names';
import { allows } from '../lambda/policy';
import type { ApiRecord, ApiRouteRecord } from '../model';

export interface ApiRequestMeta {
  requestId: string;
  timeEpoch: number;
  accountId: string;
  apiId: string;
  stage: string;
  routeKey: string;
}

/** A Function URL event with what API Gateway sets differently: the account, API id, stage and route key. */
export function toApiEvent(req: UrlRequest, meta: ApiRequestMeta): Record<string, unknown> {
  const event = toUrlEvent(req, { requestId: meta.requestId, timeEpoch: meta.timeEpoch, accountId: meta.accountId, urlId: meta.apiId });
  const ctx = event.requestContext as Record<string, unknown>;
  const host = typeof req.headers.host === 'string' ? req.headers.host : `${meta.apiId}.execute-api.local`;
  return {
    ...event,
    routeKey: meta.routeKey,
    requestContext: { ...ctx, accountId: meta.accountId, apiId: meta.apiId, domainName: host, domainPrefix: meta.apiId, stage: meta.stage, routeKey: meta.routeKey },
  };
}

/** "$default" catches what no "METHOD /path" (or "ANY /path") route names exactly; path templates are not emulated. */
export function selectRoute(api: ApiRecord, method: string, path: string): ApiRouteRecord | undefined {
  return (
    api.routes.find((r) => r.routeKey === `${method} ${path}`) ??
    api.routes.find((r) => r.routeKey === `ANY ${path}`) ??
    api.routes.find((r) => r.routeKey === '$default')
  );
}

/** The ARN an invocation comes from: <api>/<stage>/<METHOD>/<path>, or <api>/<stage>/$default for the $default route. */
export function executeApiArn(region: string, accountId: string, apiId: string, stage: string, routeKey: string): string {
  const route = routeKey === '$default' ? '$default' : routeKey.replace(/^ANY /, '* ').replace(' /', '/');
  return `arn:aws:execute-api:${region}:${accountId}:${apiId}/${stage}/${route}`;
}

/** The function an AWS_PROXY integration names: a function ARN, or API Gateway's …/functions/<arn>/invocations URI. */
export function lambdaTargetOf(integrationUri: string): FnRef {
  const wrapped = /:lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/.exec(integrationUri);
  return parseFunctionName(wrapped ? wrapped[1] : integrationUri);
}

/** API Gateway may invoke the function only when its policy (for that qualifier) allows apigateway.amazonaws.com from this source. */
export function apiGatewayAllowed(statements: Record<string, any>[], sourceArn: string): boolean {
  return allows(statements, { action: 'lambda:InvokeFunction', principal: { service: 'apigateway.amazonaws.com' }, keys: { 'AWS:SourceArn': sourceArn } });
}
