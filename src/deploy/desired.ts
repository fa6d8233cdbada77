import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { FunctionConfig } from '../aws/lambda';
import type { StageSettings } from '../settings/types';
import type { Names } from '../contracts/names';
import { HANDLER } from '../contracts/layout';
import { zapVariables } from '../contracts/function-env';
import { configuredVariables } from '../contracts/secrets';
import { comparableVpc, tracingConfig, vpcConfig } from './network-desired';


export function trustPolicy(): object {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  };
}

/** Logging, invoking its own function only (the keep-warm fan-out), and what `extra` adds (secrets: secret-policy.ts). */
export function rolePolicy(n: Names, region: string, account: string, extra: object[] = []): object {
  const fnArn = `arn:aws:lambda:${region}:${account}:function:${n.function}`;
  const logArn = `arn:aws:logs:${region}:${account}:log-group:${n.logGroup}`;
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Logs', Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: [logArn, `${logArn}:*`] },
      { Sid: 'KeepWarmFanOut', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: [fnArn, `${fnArn}:*`] },
      ...extra,
    ],
  };
}

/** Variables zap's handler reads, beside the user's own; secrets only as references (contracts/secrets.ts). */
export function runtimeEnvironment(s: StageSettings): Record<string, string> {
  return { ...configuredVariables(s.environment_variables), ...zapVariables({ prime: s.keep_warm_prime, compileCache: s.compile_cache, warmupPath: s.compile_cache_warmup_path, streaming: s.streaming }) };
}

export function functionConfig(s: StageSettings, n: Names, roleArn: string): FunctionConfig {
  return {
    FunctionName: n.function,
    Runtime: s.runtime,
    Handler: HANDLER,
    Role: roleArn,
    MemorySize: s.memory_size,
    Timeout: s.timeout_seconds,
    Architectures: [s.architecture],
    Environment: { Variables: runtimeEnvironment(s) },
    Description: `zap: ${n.project} ${n.stage}`,
    VpcConfig: vpcConfig(s),
    TracingConfig: tracingConfig(s),
  };
}

/** Which configuration fields differ between what is deployed and what is wanted. */
export function configDifferences(current: FunctionConfiguration, wanted: FunctionConfig): string[] {
  const diffs: string[] = [];
  const cmp = (field: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) diffs.push(`${field}: ${JSON.stringify(a)} → ${JSON.stringify(b)}`);
  };
  cmp('Runtime', current.Runtime, wanted.Runtime);
  cmp('Handler', current.Handler, wanted.Handler);
  cmp('Role', current.Role, wanted.Role);
  cmp('MemorySize', current.MemorySize, wanted.MemorySize);
  cmp('Timeout', current.Timeout, wanted.Timeout);
  cmp('Description', current.Description ?? '', wanted.Description ?? '');
  cmp('Environment', sorted(current.Environment?.Variables ?? {}), sorted(wanted.Environment?.Variables ?? {}));
  cmp('VpcConfig', comparableVpc(current.VpcConfig), comparableVpc(wanted.VpcConfig));
  cmp('TracingConfig', current.TracingConfig?.Mode ?? 'PassThrough', wanted.TracingConfig?.Mode ?? 'PassThrough');
  return diffs;
}

/** Two configurations serve the same thing: same code and the same settings (a version's own description aside). */
export function sameDeployable(a: FunctionConfiguration, b: FunctionConfiguration): boolean {
  const differences = configDifferences(a, b as FunctionConfig).filter((d) => !d.startsWith('Description:'));
  return a.CodeSha256 === b.CodeSha256 && differences.length === 0 && String(a.Architectures) === String(b.Architectures);
}

function sorted(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}

/** The constant input of the keep-warm rule: the wire contract's one builder (docs/architecture.md). */
export { keepWarmEvent } from '../contracts/keep-warm';

/** Lambda's CodeSha256: base64 of the zip's sha256. */
export function codeSha256(hexSha256: string): string {
  return Buffer.from(hexSha256, 'hex').toString('base64');
}
