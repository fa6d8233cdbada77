import { invalidParam, validation } from '../errors';

/** Runtimes the emulator runs; older Node runtimes are deprecated and refused as AWS refuses them. */
export const SUPPORTED_RUNTIMES = ['nodejs22.x', 'nodejs24.x'];

/** https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html#runtimes-deprecated */
export function checkRuntime(runtime: unknown): string {
  if (typeof runtime !== 'string' || runtime === '') throw validation('runtime', runtime, 'Member must not be null');
  if (SUPPORTED_RUNTIMES.includes(runtime)) return runtime;
  if (/^nodejs(\d+)\.x$/.test(runtime) || /^nodejs\d*$/.test(runtime)) {
    throw invalidParam(
      `The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. ` +
        `We recommend you use the new runtime (nodejs24.x) while creating or updating functions.`,
    );
  }
  throw invalidParam(`Value ${runtime} at 'runtime' failed to satisfy constraint: the zap emulator runs ${SUPPORTED_RUNTIMES.join(', ')}`);
}

export function checkTimeout(v: unknown): number {
  if (!Number.isInteger(v) || (v as number) < 1) throw validation('timeout', v, 'Member must have value greater than or equal to 1');
  if ((v as number) > 900) throw validation('timeout', v, 'Member must have value less than or equal to 900');
  return v as number;
}

export function checkMemory(v: unknown): number {
  if (!Number.isInteger(v) || (v as number) < 128) throw validation('memorySize', v, 'Member must have value greater than or equal to 128');
  if ((v as number) > 10240) throw validation('memorySize', v, 'Member must have value less than or equal to 10240');
  return v as number;
}

export function checkHandler(v: unknown): string {
  if (typeof v !== 'string' || !/^[^\s]+$/.test(v) || v.length > 128) throw validation('handler', v, 'Member must satisfy regular expression pattern: [^\\s]+');
  return v;
}

export function checkRoleArn(v: unknown): string {
  if (typeof v !== 'string' || !/^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/.test(v)) {
    throw validation('role', v, 'Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+');
  }
  return v;
}

export function checkEnvironment(v: unknown): Record<string, string> {
  const vars = (v as { Variables?: unknown } | undefined)?.Variables ?? {};
  if (typeof vars !== 'object' || vars === null) throw invalidParam('Environment.Variables must be a map of strings');
  for (const [k, val] of Object.entries(vars)) {
    if (!/^[a-zA-Z]([a-zA-Z0-9_])+$/.test(k)) throw validation('environment.variables', k, 'Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+');
    if (typeof val !== 'string') throw invalidParam(`Environment variable ${k} must be a string`);
    // https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
    if (/^(AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|AWS_REGION|AWS_LAMBDA_\w+|_HANDLER|LAMBDA_TASK_ROOT)$/.test(k)) {
      throw invalidParam(`Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${k}`);
    }
  }
  // https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html: 4 KB for the set, as sent (JSON, UTF-8).
  if (Buffer.byteLength(JSON.stringify(vars), 'utf8') > 4096) throw invalidParam('Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit.');
  return vars as Record<string, string>;
}

export function checkArchitectures(v: unknown): string[] {
  if (v === undefined) return ['x86_64'];
  if (!Array.isArray(v) || v.length !== 1 || !['x86_64', 'arm64'].includes(v[0])) {
    throw validation('architectures', JSON.stringify(v), 'Member must have length less than or equal to 1 and hold x86_64 or arm64');
  }
  return v as string[];
}
