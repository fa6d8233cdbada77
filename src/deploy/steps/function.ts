import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { AwsClients } from '../../aws/clients';
import { isConflict, isRoleNotReady, isTransient } from '../../aws/errors';
import { createFunction, getFunction, updateCode, updateConfiguration, waitUpdated, type FunctionConfig } from '../../aws/lambda';
import { UserError } from '../../core/errors';
import { type DeployContext, unchanged, write } from '../context';
import { codeSha256, configDifferences, functionConfig } from '../desired';
import { isOwnedBy, ownershipTags } from '../../contracts/names';
import { retry } from '../retry';

export interface Artifact {
  zip: Buffer;
  /** hex sha256 of the zip */
  sha256: string;
  /** The zip on disk, rewritten when deploy adds a compile cache. */
  path?: string;
  /** Set when the zip already holds a compile cache (zap-compile-cache.bin): Lambda's runtime version it was made on, if known. */
  compileCache?: false | { runtimeVersionArn: string | null };
  /** Where caches made in the runtime are kept for the next packaging (.zap/<stage>/compile-cache). */
  cacheDir?: string;
}

/** What the function step did (in plan mode: would do). */
export interface FunctionOutcome {
  /** $LATEST after the step; undefined in plan mode for a function not made yet. */
  configuration?: FunctionConfiguration;
  created: boolean;
  codeChanged: boolean;
  configChanged: boolean;
}

/** How the deployed $LATEST differs from what is wanted: its code (or architecture), and which configuration fields. */
export function functionChanges(current: FunctionConfiguration, wanted: FunctionConfig, artifactSha256: string): { code: boolean; config: string[] } {
  const archChanged = String(current.Architectures ?? ['x86_64']) !== String(wanted.Architectures);
  return { code: current.CodeSha256 !== codeSha256(artifactSha256) || archChanged, config: configDifferences(current, wanted) };
}

function retryReason(err: unknown): string {
  if (isRoleNotReady(err)) return 'the new role is not yet assumable by Lambda (IAM takes a few seconds)';
  if (isConflict(err)) return 'an earlier update is still in progress';
  return `AWS answered ${(err as Error).name}`;
}

/** Retries what Lambda asks callers to retry: a role not yet assumable, an update in progress, throttles. */
function lambdaRetry<T>(ctx: DeployContext, fn: () => Promise<T>, roleFresh: boolean): Promise<T> {
  return retry(fn, {
    when: (err) => (roleFresh && isRoleNotReady(err)) || isConflict(err) || isTransient(err),
    attempts: 10,
    baseMs: 500,
    maxMs: 5000,
    onRetry: (err, n) => ctx.report.step('function', `${retryReason(err)}; retrying (attempt ${n + 1})`, 'warn'),
    checkStop: ctx.checkStop,
  });
}

/** $LATEST with the wanted code and configuration. */
export async function ensureFunction(ctx: DeployContext, roleArn: string, roleFresh: boolean, artifact: Artifact): Promise<FunctionOutcome> {
  const { clients, names: n, settings } = ctx;
  const wanted = functionConfig(settings, n, roleArn);
  const current = await getFunction(clients, n.function);
  if (!current) {
    const created = await write(ctx, 'function', `create ${n.function} (${settings.runtime}, ${settings.architecture}, ${settings.memory_size} MB)`, () =>
      lambdaRetry(ctx, () => createFunction(clients, wanted, artifact.zip, { ...settings.tags, ...ownershipTags(n) }), true).catch((err) => {
        if (isRoleNotReady(err)) throw new UserError(`Lambda still cannot assume the role ${roleArn}${roleFresh ? ' after 30 s' : ''}: its trust policy must allow lambda.amazonaws.com to call sts:AssumeRole`);
        throw err;
      }),
    );
    const configuration = created && (await getFunction(clients, n.function))?.configuration;
    return { configuration, created: true, codeChanged: false, configChanged: false };
  }
  if (!isOwnedBy(current.tags, n)) {
    throw new UserError(`a Lambda function named ${n.function} exists but was not made by zap for ${n.project}/${n.stage}; zap will not adopt it. Change project_name in zap.json, or delete that function`);
  }
  await waitIfBusy(clients, current.configuration);
  const changes = functionChanges(current.configuration, wanted, artifact.sha256);
  if (changes.code) {
    await write(ctx, 'function', `update code (${(artifact.zip.length / 1024).toFixed(0)} KiB, sha256 ${artifact.sha256.slice(0, 12)})`, () =>
      lambdaRetry(ctx, () => updateCode(clients, n.function, artifact.zip, settings.architecture), false),
    );
  } else {
    unchanged(ctx, 'function', 'code unchanged');
  }
  if (changes.config.length) {
    await write(ctx, 'function', `update configuration (${changes.config.map((d) => d.split(':')[0]).join(', ')})`, () => lambdaRetry(ctx, () => updateConfiguration(clients, wanted), false));
  } else {
    unchanged(ctx, 'function', 'configuration unchanged');
  }
  const configuration = (await getFunction(clients, n.function))?.configuration;
  return { configuration, created: false, codeChanged: changes.code, configChanged: changes.config.length > 0 };
}

/** A deploy killed mid-update leaves Lambda busy; wait rather than fail with ResourceConflictException. */
async function waitIfBusy(clients: AwsClients, cfg: FunctionConfiguration): Promise<void> {
  if (cfg.LastUpdateStatus === 'InProgress' || cfg.State === 'Pending') await waitUpdated(clients, cfg.FunctionName!);
}
