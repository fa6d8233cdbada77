import { AwsError, invalidParam, validation } from '../errors';

export interface FnRef {
  name: string;
  qualifier?: string;
}

const NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const QUALIFIER = /^(\$LATEST|[a-zA-Z0-9_-]{1,128})$/;

/**
 * FunctionName accepts a name, name:qualifier, a partial ARN or a full ARN:
 * https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html#lambda-Invoke-request-FunctionName
 */
export function parseFunctionName(raw: string, qualifierParam?: string | null): FnRef {
  const parts = raw.split(':');
  let name: string | undefined;
  let qualifier: string | undefined;
  if (parts[0] === 'arn' && parts.length >= 7 && parts[2] === 'lambda' && parts[5] === 'function') {
    [name, qualifier] = [parts[6], parts[7]];
    if (parts.length > 8) name = undefined;
  } else if (parts.length >= 3 && /^\d{12}$/.test(parts[0]) && parts[1] === 'function') {
    [name, qualifier] = [parts[2], parts[3]];
    if (parts.length > 4) name = undefined;
  } else if (parts.length <= 2) {
    [name, qualifier] = [parts[0], parts[1]];
  }
  if (!name || !NAME.test(name) || (qualifier !== undefined && !QUALIFIER.test(qualifier))) {
    throw validation('functionName', raw, 'Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?');
  }
  const q = qualifierParam ?? undefined;
  if (q !== undefined && !QUALIFIER.test(q)) throw validation('qualifier', q, 'Member must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)');
  if (qualifier !== undefined && q !== undefined && qualifier !== q) {
    throw invalidParam('The derived qualifier from the function name does not match the specified qualifier.');
  }
  return { name, qualifier: qualifier ?? q };
}

export const functionArn = (region: string, account: string, name: string, qualifier?: string): string =>
  `arn:aws:lambda:${region}:${account}:function:${name}${qualifier ? `:${qualifier}` : ''}`;

export const isVersionNumber = (q: string): boolean => /^\d+$/.test(q);

/** Alias names may not look like versions: https://docs.aws.amazon.com/lambda/latest/api/API_CreateAlias.html */
export function checkAliasName(name: unknown): string {
  if (typeof name !== 'string' || !/^(?!^[0-9]+$)([a-zA-Z0-9-_]+)$/.test(name) || name.length > 128) {
    throw validation('name', name, 'Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)');
  }
  return name;
}

export function requireString(input: Record<string, unknown>, key: string): string {
  const v = input[key];
  if (typeof v !== 'string' || v.length === 0) {
    throw new AwsError('ValidationException', `1 validation error detected: Value null at '${key[0].toLowerCase()}${key.slice(1)}' failed to satisfy constraint: Member must not be null`);
  }
  return v;
}
