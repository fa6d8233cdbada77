import { jsonReply, type HttpReply } from '../http';
import { parseJsonBody, type RestRequest, type RestRoute } from '../protocol/rest-json';
import * as aliases from './aliases';
import * as concurrency from './concurrency';
import type { LambdaEnv } from './env';
import * as functions from './functions';
import { invoke } from './invoke';
import { invokeWithResponseStream } from './invoke-stream';
import * as permissions from './permissions';
import * as tags from './tags';
import * as urls from './urls';
import * as versions from './versions';

type Handler = (req: RestRequest, env: LambdaEnv, requestId: string) => unknown;

const F = '/2015-03-31/functions/{FunctionName}';
const body = (req: RestRequest) => parseJsonBody(req.body);
const name = (req: RestRequest) => req.params.FunctionName;
const qual = (req: RestRequest) => req.query.get('Qualifier');

/** [method, path, operation, status, handler]: paths and statuses as the SDK's own serializers have them. */
const TABLE: [string, string, string, number, Handler][] = [
  ['POST', '/2015-03-31/functions', 'CreateFunction', 201, (r, e) => functions.createFunction(e, body(r))],
  ['GET', '/2015-03-31/functions', 'ListFunctions', 200, (r, e) => functions.listFunctions(e, r.query)],
  ['GET', F, 'GetFunction', 200, (r, e) => functions.getFunction(e, name(r), qual(r))],
  ['DELETE', F, 'DeleteFunction', 204, (r, e) => functions.deleteFunction(e, name(r), qual(r))],
  ['GET', `${F}/configuration`, 'GetFunctionConfiguration', 200, (r, e) => functions.getFunctionConfiguration(e, name(r), qual(r))],
  ['PUT', `${F}/configuration`, 'UpdateFunctionConfiguration', 200, (r, e) => functions.updateFunctionConfiguration(e, name(r), body(r))],
  ['PUT', `${F}/code`, 'UpdateFunctionCode', 200, (r, e) => functions.updateFunctionCode(e, name(r), body(r))],
  ['POST', `${F}/versions`, 'PublishVersion', 201, (r, e) => versions.publishVersion(e, name(r), body(r))],
  ['GET', `${F}/versions`, 'ListVersionsByFunction', 200, (r, e) => versions.listVersionsByFunction(e, name(r), r.query)],
  ['POST', `${F}/aliases`, 'CreateAlias', 201, (r, e) => aliases.createAlias(e, name(r), body(r))],
  ['GET', `${F}/aliases`, 'ListAliases', 200, (r, e) => aliases.listAliases(e, name(r), r.query)],
  ['GET', `${F}/aliases/{Name}`, 'GetAlias', 200, (r, e) => aliases.getAlias(e, name(r), r.params.Name)],
  ['PUT', `${F}/aliases/{Name}`, 'UpdateAlias', 200, (r, e) => aliases.updateAlias(e, name(r), r.params.Name, body(r))],
  ['DELETE', `${F}/aliases/{Name}`, 'DeleteAlias', 204, (r, e) => aliases.deleteAlias(e, name(r), r.params.Name)],
  ['POST', `${F}/policy`, 'AddPermission', 201, (r, e) => permissions.addPermission(e, name(r), qual(r), body(r))],
  ['GET', `${F}/policy`, 'GetPolicy', 200, (r, e) => permissions.getPolicy(e, name(r), qual(r))],
  ['DELETE', `${F}/policy/{StatementId}`, 'RemovePermission', 204, (r, e) => permissions.removePermission(e, name(r), r.params.StatementId, r.query)],
  ['POST', '/2021-10-31/functions/{FunctionName}/url', 'CreateFunctionUrlConfig', 201, (r, e) => urls.createUrl(e, name(r), qual(r), body(r))],
  ['GET', '/2021-10-31/functions/{FunctionName}/url', 'GetFunctionUrlConfig', 200, (r, e) => urls.getUrl(e, name(r), qual(r))],
  ['PUT', '/2021-10-31/functions/{FunctionName}/url', 'UpdateFunctionUrlConfig', 200, (r, e) => urls.updateUrl(e, name(r), qual(r), body(r))],
  ['DELETE', '/2021-10-31/functions/{FunctionName}/url', 'DeleteFunctionUrlConfig', 204, (r, e) => urls.deleteUrl(e, name(r), qual(r))],
  ['GET', '/2021-10-31/functions/{FunctionName}/urls', 'ListFunctionUrlConfigs', 200, (r, e) => urls.listUrls(e, name(r), r.query)],
  ['PUT', '/2017-10-31/functions/{FunctionName}/concurrency', 'PutFunctionConcurrency', 200, (r, e) => concurrency.putFunctionConcurrency(e, name(r), body(r))],
  ['DELETE', '/2017-10-31/functions/{FunctionName}/concurrency', 'DeleteFunctionConcurrency', 204, (r, e) => concurrency.deleteFunctionConcurrency(e, name(r))],
  ['GET', '/2019-09-30/functions/{FunctionName}/concurrency', 'GetFunctionConcurrency', 200, (r, e) => concurrency.getFunctionConcurrency(e, name(r))],
  ['GET', '/2016-08-19/account-settings', 'GetAccountSettings', 200, (_r, e) => concurrency.accountSettings(e)],
  ['POST', '/2017-03-31/tags/{Resource}', 'TagResource', 204, (r, e) => tags.tagResource(e, r.params.Resource, body(r))],
  ['DELETE', '/2017-03-31/tags/{Resource}', 'UntagResource', 204, (r, e) => tags.untagResource(e, r.params.Resource, r.query.getAll('tagKeys'))],
  ['GET', '/2017-03-31/tags/{Resource}', 'ListTags', 200, (r, e) => tags.listTags(e, r.params.Resource)],
  ['POST', `${F}/invocations`, 'Invoke', 200, (r, e, id) => invoke(e, r, id)],
  ['POST', '/2021-11-15/functions/{FunctionName}/response-streaming-invocations', 'InvokeWithResponseStream', 200, (r, e, id) => invokeWithResponseStream(e, r, id)],
];

export function lambdaRoutes(env: LambdaEnv): RestRoute[] {
  return TABLE.map(([method, path, operation, status, fn]) => ({
    method,
    path,
    operation,
    async handle(req: RestRequest, requestId: string): Promise<HttpReply> {
      const out = await fn(req, env, requestId);
      if (operation === 'Invoke' || operation === 'InvokeWithResponseStream') return out as HttpReply;
      const headers = { 'x-amzn-RequestId': requestId };
      return status === 204 ? { status, headers } : jsonReply(status, out ?? {}, headers);
    },
  }));
}
