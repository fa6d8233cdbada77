// The environment a Lambda execution environment gets, built from nothing but the function's
// configuration: the parent's variables (NODE_OPTIONS, proxies, CA bundles) must not leak in.
// https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
import type { FunctionVersionSpec } from './types';

export interface ContainerEnvInput {
  spec: FunctionVersionSpec;
  runtimeApi: string;      // host:port of this container's Runtime API
  logStream: string;
  endpoint: string;        // the emulator, for the function's own SDK calls
  runtimeDir: string;      // like /var/runtime: its node_modules holds what the runtime provides (@aws-sdk/*)
  tmpDir: string;
  path: string | undefined;
}

/** Lambda sets these itself; a function's configuration cannot override them. */
const RESERVED = [
  '_HANDLER', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_EXECUTION_ENV', 'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_FUNCTION_VERSION', 'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME', 'AWS_LAMBDA_LOG_STREAM_NAME', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN', 'AWS_LAMBDA_RUNTIME_API', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR', 'TZ',
] as const;

export function containerEnv(i: ContainerEnvInput): Record<string, string> {
  const { spec } = i;
  const reserved: Record<(typeof RESERVED)[number], string> = {
    _HANDLER: spec.handler,
    AWS_REGION: spec.region,
    AWS_DEFAULT_REGION: spec.region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${spec.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: spec.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memorySize),
    AWS_LAMBDA_FUNCTION_VERSION: spec.version,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: spec.logGroup,
    AWS_LAMBDA_LOG_STREAM_NAME: i.logStream,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_SESSION_TOKEN: 'test',
    AWS_LAMBDA_RUNTIME_API: i.runtimeApi,
    LAMBDA_TASK_ROOT: spec.codeDir,
    LAMBDA_RUNTIME_DIR: i.runtimeDir,
    TZ: ':UTC',
  };
  const defaults: Record<string, string> = {
    LANG: 'en_US.UTF-8',
    NODE_PATH: [`${i.runtimeDir}/node_modules`, i.runtimeDir, spec.codeDir].join(':'),
    AWS_ENDPOINT_URL: i.endpoint,
    TMPDIR: i.tmpDir,
  };
  if (i.path !== undefined) defaults.PATH = i.path;
  return { ...defaults, ...spec.environment, ...reserved };
}

/** Node flags for a memory size: the heap is bounded the way Lambda's runtime bounds it. */
export function nodeArgs(memorySizeMb: number): string[] {
  return [`--max-old-space-size=${Math.max(32, Math.floor(memorySizeMb * 0.9))}`];
}
