import { AwsError, invalidParam } from '../errors';
import { breachMessage, tagBreach } from '../tag-rules';
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
  checkTags(input.Tags ?? {}, fn.tags);
  Object.assign(fn.tags, input.Tags ?? {});
}

/** https://docs.aws.amazon.com/lambda/latest/dg/configuration-tags.html: 50 per function, AWS's tag characters. */
export function checkTags(tags: Record<string, unknown>, existing: Record<string, unknown> = {}): void {
  const b = tagBreach(tags, existing);
  if (!b) return;
  if (b.kind === 'count' || b.kind === 'reserved') throw invalidParam(breachMessage(b));
  throw new AwsError('ValidationException', breachMessage(b));
}

export function untagResource(env: LambdaEnv, arn: string, keys: string[]): void {
  const fn = fnOfArn(env, arn);
  for (const k of keys) delete fn.tags[k];
}

export function listTags(env: LambdaEnv, arn: string) {
  return { Tags: { ...fnOfArn(env, arn).tags } };
}
