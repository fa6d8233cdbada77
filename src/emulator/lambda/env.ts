import type { ContainerPoolApi } from '../container/types';
import type { Ctx } from '../context';
import type { EmulatorData, FnRecord, FnVersion } from '../model';
import { AwsError, conflict, notFound } from '../errors';
import type { CodeStore } from './code';
import { functionArn, isVersionNumber } from './names';

/** Function URL listeners, owned by the emulator; the API side opens and closes them. */
export interface UrlListeners {
  open(fn: string, qualifier: string, port: number): Promise<number>;
  close(fn: string, qualifier: string): Promise<void>;
}

/** Everything the Lambda operations share. */
export interface LambdaEnv {
  ctx: Ctx;
  data: EmulatorData;
  code: CodeStore;
  pool: ContainerPoolApi;
  urls: UrlListeners;
  /** Throws Lambda's "cannot be assumed" error unless IAM has the role and it is assumable by now. */
  checkRole(roleArn: string): void;
}

export const arnOf = (env: LambdaEnv, name: string, qualifier?: string): string =>
  functionArn(env.ctx.region, env.ctx.accountId, name, qualifier);

export function getFn(env: LambdaEnv, name: string, qualifier?: string): FnRecord {
  const fn = env.data.functions[name];
  if (!fn) throw notFound(`Function not found: ${arnOf(env, name, qualifier)}`);
  return fn;
}

/** A qualifier ($LATEST, a version or an alias) → the version it names now. */
export function resolveVersion(env: LambdaEnv, fn: FnRecord, qualifier?: string): FnVersion {
  if (!qualifier || qualifier === '$LATEST') return fn.latest;
  if (isVersionNumber(qualifier)) {
    const v = fn.versions[qualifier];
    if (!v) throw notFound(`Function not found: ${arnOf(env, fn.name, qualifier)}`);
    return v;
  }
  const alias = fn.aliases[qualifier];
  if (!alias) throw notFound(`Function not found: ${arnOf(env, fn.name, qualifier)}`);
  return alias.functionVersion === '$LATEST' ? fn.latest : fn.versions[alias.functionVersion];
}

/** https://docs.aws.amazon.com/lambda/latest/dg/functions-states.html: no change while one is in progress. */
export function assertUpdatable(env: LambdaEnv, fn: FnRecord): void {
  const now = env.ctx.now();
  if (now < fn.latest.activeAt) {
    throw conflict('The operation cannot be performed at this time. The function is currently in the following state: Pending');
  }
  if (now < fn.latest.updatedAt) {
    throw conflict(`The operation cannot be performed at this time. An update is in progress for resource: ${arnOf(env, fn.name)}`);
  }
}

export function checkRevision(expected: unknown, actual: string): void {
  if (typeof expected === 'string' && expected !== actual) {
    throw new AwsError(
      'PreconditionFailedException',
      'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
      412,
    );
  }
}
