/**
 * The region the AWS SDK would use, and where it came from: the SDK's own chain (AWS_REGION, then
 * the profile's `region` in the shared config files, SSO profiles included), so zap and the SDK
 * never disagree. `zap init` prints the source; clients use the region.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { STSClient } from '@aws-sdk/client-sts';

export const HOW_TO_SET_REGION = 'set aws_region in zap.json, pass --region, or set AWS_REGION (or a region in your AWS profile)';

export interface FoundRegion {
  region: string;
  /** Where it came from, for a person: `AWS_REGION`, or `profile "dev" in ~/.aws/config`. */
  source: string;
}

/** The SDK's answer, or undefined when its chain holds no region. */
export async function regionFromChain(profile?: string): Promise<FoundRegion | undefined> {
  const probe = new STSClient(profile ? { profile } : {});
  let region: string;
  try {
    region = await probe.config.region();
  } catch {
    return undefined;
  } finally {
    probe.destroy();
  }
  if (!region) return undefined;
  // The SDK reads AWS_REGION first; otherwise the region came from the profile's section of the shared files.
  if (process.env.AWS_REGION === region) return { region, source: 'AWS_REGION' };
  const name = profile ?? process.env.AWS_PROFILE ?? 'default';
  const file = process.env.AWS_CONFIG_FILE ?? join(homedir(), '.aws', 'config');
  return { region, source: `profile "${name}" in ${file}` };
}
