import { invalidParam } from '../errors';
import { getFn, type LambdaEnv } from './env';
import { parseFunctionName } from './names';

/** Tags live on the unqualified function; its ARN names it. */
function fnOfArn(env: LambdaEnv, arn: string) {
  if (!arn.startsWith('arn:')) throw invalidParam(`Invalid ARN: ${arn}`);
  const ref = parseFunctionName(arn);
  if (ref.qualifier) throw invalidParam('Tags are not supported on qualified function ARNs.');
  return getFn(env, ref.name);
}

export function tagResource(env: LambdaEnv, arn: string, input: Record<string, any>): void {
  const fn = fnOfArn(env, arn);
  Object.assign(fn.tags, input.Tags ?? {});
}

export function untagResource(env: LambdaEnv, arn: string, keys: string[]): void {
  const fn = fnOfArn(env, arn);
  for (const k of keys) delete fn.tags[k];
}

export function listTags(env: LambdaEnv, arn: string) {
  return { Tags: { ...fnOfArn(env, arn).tags } };
}
