import type { FnRecord, FnVersion } from '../model';
import { lambdaTime } from '../context';
import { arnOf, type LambdaEnv } from './env';
import { renderVpc } from './vpc';

/** FunctionConfiguration as Lambda returns it; State and LastUpdateStatus follow the clock. */
export function renderConfig(env: LambdaEnv, fn: FnRecord, v: FnVersion): Record<string, unknown> {
  const now = env.ctx.now();
  const pending = now < v.activeAt;
  const updating = now < v.updatedAt;
  const creating = v.lastUpdateKind !== 'update';
  return {
    FunctionName: fn.name,
    FunctionArn: arnOf(env, fn.name, v.version === '$LATEST' ? undefined : v.version),
    Runtime: v.runtime,
    Role: v.role,
    Handler: v.handler,
    CodeSize: v.codeSize,
    Description: v.description,
    Timeout: v.timeout,
    MemorySize: v.memorySize,
    LastModified: lambdaTime(v.lastModified),
    CodeSha256: v.codeSha256,
    Version: v.version,
    Environment: Object.keys(v.environment).length ? { Variables: v.environment } : undefined,
    TracingConfig: { Mode: v.tracing ?? 'PassThrough' },
    VpcConfig: renderVpc(v),
    RevisionId: v.revisionId,
    State: pending ? 'Pending' : 'Active',
    StateReason: pending ? 'The function is being created.' : undefined,
    StateReasonCode: pending ? 'Creating' : undefined,
    LastUpdateStatus: updating ? 'InProgress' : 'Successful',
    LastUpdateStatusReason: updating ? (creating ? 'The function is being created.' : 'The function is being updated.') : undefined,
    LastUpdateStatusReasonCode: updating ? (creating ? 'Creating' : undefined) : undefined,
    PackageType: 'Zip',
    Architectures: v.architectures,
    EphemeralStorage: { Size: v.ephemeralStorage },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${fn.name}` },
  };
}
