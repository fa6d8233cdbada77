import { AwsError } from '../errors';
import type { LambdaEnv } from '../lambda/env';
import type { ApiRecord } from '../model';

/** HTTP listeners of the APIs' endpoints, owned by the emulator; the API side opens and closes them. */
export interface ApiListeners {
  open(apiId: string, port: number): Promise<number>;
  close(apiId: string): Promise<void>;
}

/** What the API Gateway operations share: the Lambda side (its state, account and invoke path) and the listeners. */
export interface ApiGatewayEnv {
  lambda: LambdaEnv;
  listeners: ApiListeners;
}

export const notFoundApi = (env: ApiGatewayEnv, apiId: string) =>
  new AwsError('NotFoundException', `Invalid API identifier specified ${env.lambda.ctx.accountId}:${apiId}`, 404);

export const badRequest = (message: string) => new AwsError('BadRequestException', message, 400);

export function getApi(env: ApiGatewayEnv, apiId: string): ApiRecord {
  const api = env.lambda.data.apis[apiId];
  if (!api) throw notFoundApi(env, apiId);
  return api;
}

/** The ARN API Gateway tags an HTTP API by: arn:aws:apigateway:<region>::/apis/<id>. */
export const apiArn = (env: ApiGatewayEnv, apiId: string) => `arn:aws:apigateway:${env.lambda.ctx.region}::/apis/${apiId}`;

export const endpointOf = (api: ApiRecord) => `http://127.0.0.1:${api.port}`;
