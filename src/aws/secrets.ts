import type { AwsClients } from './clients';
import { isAccessDenied, isNotFound } from './errors';

/** found: exists; missing: AWS says it does not; unknown: the deploying credentials may not look. */
export type Existence = 'found' | 'missing' | 'unknown';

/**
 * Whether SSM parameters exist, ten names per GetParameters call, without decryption: the
 * deploying credentials need ssm:GetParameters on them but no kms:Decrypt, and no value is read.
 */
export async function parametersExist(c: AwsClients, ids: string[]): Promise<Map<string, Existence>> {
  const out = new Map<string, Existence>();
  if (!ids.length) return out;
  const [ssm, { GetParametersCommand }] = await Promise.all([c.ssm(), import('@aws-sdk/client-ssm')]);
  for (let i = 0; i < ids.length; i += 10) {
    const batch = ids.slice(i, i + 10);
    try {
      const res = await ssm.send(new GetParametersCommand({ Names: batch, WithDecryption: false }));
      for (const id of batch) out.set(id, res.InvalidParameters?.includes(id) ? 'missing' : 'found');
    } catch (err) {
      if (!isAccessDenied(err)) throw err;
      for (const id of batch) out.set(id, 'unknown');
    }
  }
  return out;
}

/** Whether a secret exists and is not scheduled for deletion: DescribeSecret reads no value. */
export async function secretExists(c: AwsClients, id: string): Promise<Existence> {
  const [secrets, { DescribeSecretCommand }] = await Promise.all([c.secrets(), import('@aws-sdk/client-secrets-manager')]);
  try {
    const res = await secrets.send(new DescribeSecretCommand({ SecretId: id }));
    return res.DeletedDate ? 'missing' : 'found';
  } catch (err) {
    if (isNotFound(err)) return 'missing';
    if (isAccessDenied(err)) return 'unknown';
    throw err;
  }
}
