import { badRequest, getApi, type ApiGatewayEnv } from './env';

/** Only APIs carry tags here: arn:aws:apigateway:<region>::/apis/<id>. */
function apiOfArn(env: ApiGatewayEnv, arn: string) {
  const m = /^arn:aws[a-z-]*:apigateway:[a-z0-9-]+::\/apis\/([a-z0-9]+)$/.exec(arn);
  if (!m) throw badRequest(`Invalid resource ARN ${arn}: the emulator tags HTTP APIs only`);
  return getApi(env, m[1]);
}

export function tagResource(env: ApiGatewayEnv, arn: string, input: Record<string, any>) {
  Object.assign(apiOfArn(env, arn).tags, input.tags ?? {});
  return {};
}

export function untagResource(env: ApiGatewayEnv, arn: string, keys: string[]): void {
  const api = apiOfArn(env, arn);
  for (const k of keys) delete api.tags[k];
}

export function getTags(env: ApiGatewayEnv, arn: string) {
  return { tags: { ...apiOfArn(env, arn).tags } };
}
