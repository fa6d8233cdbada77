import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import { getConfiguration, publishVersion } from '../../aws/lambda';
import { getAlias } from '../../aws/lambda-access';
import { type DeployContext, unchanged, write } from '../context';
import { sameDeployable } from '../desired';
import { ALIAS } from '../../contracts/names';

export interface VersionOutcome {
  /** The version that should serve; undefined only in plan mode before a first publish. */
  version?: string;
  /** The version alias `live` points to now, if any. */
  serving?: string;
  published: boolean;
}

/**
 * Publishes $LATEST unless the version behind `live` already serves the same code and settings.
 * `planned`: plan mode left $LATEST as it was although the function step would change it, so a new
 * version is needed whatever $LATEST looks like now.
 */
export async function ensureVersion(ctx: DeployContext, latest: FunctionConfiguration | undefined, opts: { planned: boolean }): Promise<VersionOutcome> {
  const { clients, names: n } = ctx;
  const alias = await getAlias(clients, n.function, ALIAS);
  const serving = alias?.FunctionVersion;
  if (latest && serving && !opts.planned) {
    const servingCfg = await getConfiguration(clients, n.function, serving);
    if (servingCfg && sameDeployable(servingCfg, latest)) {
      unchanged(ctx, 'version', `${serving} already serves this code and configuration`);
      return { version: serving, serving, published: false };
    }
  }
  const version = await write(ctx, 'version', 'publish a new version', () => publishVersion(clients, n.function, latest!.CodeSha256!, `zap deploy ${new Date().toISOString()}`));
  return { version, serving, published: true };
}
