import { jsonReply, type HttpReply } from '../http';
import { parseJsonBody, type RestRequest, type RestRoute } from '../protocol/rest-json';
import * as apis from './apis';
import * as children from './children';
import type { ApiGatewayEnv } from './env';
import * as tags from './tags';
import { DOMAIN_ROUTES } from './domains';

type Handler = (req: RestRequest, env: ApiGatewayEnv) => unknown;

const A = '/v2/apis/{ApiId}';
const id = (r: RestRequest) => r.params.ApiId;

/** [method, path, operation, status, handler]: as @aws-sdk/client-apigatewayv2's schemas have them. */
const TABLE: [string, string, string, number, Handler][] = [
  ['POST', '/v2/apis', 'CreateApi', 201, (r, e) => apis.createApi(e, parseJsonBody(r.body))],
  ['GET', '/v2/apis', 'GetApis', 200, (r, e) => apis.getApis(e, r.query)],
  ['GET', A, 'GetApi', 200, (r, e) => apis.getApiOp(e, id(r))],
  ['DELETE', A, 'DeleteApi', 204, (r, e) => apis.deleteApi(e, id(r))],
  ['GET', `${A}/integrations`, 'GetIntegrations', 200, (r, e) => children.getIntegrations(e, id(r), r.query)],
  ['GET', `${A}/routes`, 'GetRoutes', 200, (r, e) => children.getRoutes(e, id(r), r.query)],
  ['GET', `${A}/stages`, 'GetStages', 200, (r, e) => children.getStages(e, id(r), r.query)],
  ['POST', '/v2/tags/{ResourceArn}', 'TagResource', 201, (r, e) => tags.tagResource(e, r.params.ResourceArn, parseJsonBody(r.body))],
  ['GET', '/v2/tags/{ResourceArn}', 'GetTags', 200, (r, e) => tags.getTags(e, r.params.ResourceArn)],
  ['DELETE', '/v2/tags/{ResourceArn}', 'UntagResource', 204, (r, e) => tags.untagResource(e, r.params.ResourceArn, r.query.getAll('tagKeys'))],
  ...DOMAIN_ROUTES,
];

export function apiGatewayRoutes(env: ApiGatewayEnv): RestRoute[] {
  return TABLE.map(([method, path, operation, status, fn]) => ({
    method,
    path,
    operation,
    async handle(req: RestRequest, requestId: string): Promise<HttpReply> {
      const out = await fn(req, env);
      const headers = { 'x-amzn-RequestId': requestId };
      return status === 204 ? { status, headers } : jsonReply(status, out ?? {}, headers);
    },
  }));
}
