import { breachMessage, tagBreach } from '../tag-rules';
import { badRequest, getApi, type ApiGatewayEnv } from './env';

/** https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-tagging.html: AWS's tag rules, 50 per API. */
export function checkTags(tags: Record<string, unknown>, existing?: Record<string, unknown>): void {
  const b = tagBreach(tags, existing);
  if (b) throw badRequest(breachMessage(b));
}

/** Only APIs carry tags here: arn:aws:apigateway:<region>::/apis/<id>. */
function apiOfArn(env: ApiGatewayEnv, arn: string) {
  const m = /^arn:aws[a-z-]*:apigateway:[a-z0-9-]+::\/apis\/([a-z0-9]+)$/.exec(arn);
  if (!m) throw badRequest(`Invalid resource ARN ${arn}: the emulator tags HTTP APIs only`);
  return getApi(env, m[1]);
}

export function tagResource(env: ApiGatewayEnv, arn: string, input: Record<string, any>) {
  const api = apiOfArn(env, arn);
  checkTags(input.tags ?? {}, api.tags);
  Object.assign(api.tags, input.tags ?? {});
  return {};
}

export function untagResource(env: ApiGatewayEnv, arn: string, keys: string[]): void {
  const api = apiOfArn(env, arn);
  for (const k of keys) delete api.tags[k];
}

export function getTags(env: ApiGatewayEnv, arn: string) {
  return { tags: { ...apiOfArn(env, arn).tags } };
}
