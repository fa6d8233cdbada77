import { AwsError, invalidParam } from '../errors';
import { getFn, type LambdaEnv } from './env';
import { parseFunctionName } from './names';

/** https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html: 1000 per account, 100 kept unreserved. */
export const ACCOUNT_CONCURRENCY = 1000;
export const MIN_UNRESERVED = 100;

const reservedElsewhere = (env: LambdaEnv, name: string) =>
  Object.values(env.data.functions).reduce((n, f) => n + (f.name === name ? 0 : (f.reservedConcurrency ?? 0)), 0);

export function putFunctionConcurrency(env: LambdaEnv, rawName: string, input: Record<string, any>) {
  const fn = getFn(env, parseFunctionName(rawName).name);
  const n = input.ReservedConcurrentExecutions;
  if (!Number.isInteger(n) || n < 0) {
    throw new AwsError('ValidationException', `1 validation error detected: Value '${n}' at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 0`);
  }
  if (ACCOUNT_CONCURRENCY - reservedElsewhere(env, fn.name) - n < MIN_UNRESERVED) {
    throw invalidParam(`Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${MIN_UNRESERVED}].`);
  }
  fn.reservedConcurrency = n;
  return { ReservedConcurrentExecutions: n };
}

export function getFunctionConcurrency(env: LambdaEnv, rawName: string) {
  const fn = getFn(env, parseFunctionName(rawName).name);
  return fn.reservedConcurrency === undefined ? {} : { ReservedConcurrentExecutions: fn.reservedConcurrency };
}

export function deleteFunctionConcurrency(env: LambdaEnv, rawName: string): void {
  delete getFn(env, parseFunctionName(rawName).name).reservedConcurrency;
}

export function accountSettings(env: LambdaEnv) {
  const fns = Object.values(env.data.functions);
  const total = fns.reduce((n, f) => n + f.latest.codeSize + Object.values(f.versions).reduce((m, v) => m + v.codeSize, 0), 0);
  return {
    AccountLimit: {
      TotalCodeSize: 80530636800, CodeSizeUnzipped: 262144000, CodeSizeZipped: 52428800,
      ConcurrentExecutions: ACCOUNT_CONCURRENCY, UnreservedConcurrentExecutions: ACCOUNT_CONCURRENCY - reservedElsewhere(env, ''),
    },
    AccountUsage: { TotalCodeSize: total, FunctionCount: fns.length },
  };
}
