/**
 * The role's permission to read exactly the secrets zap.json names, and nothing else.
 * No kms:Decrypt: SecureString parameters under the AWS managed key aws/ssm, and secrets under
 * aws/secretsmanager, are decrypted for any principal of the account that may read them
 * (https://docs.aws.amazon.com/systems-manager/latest/userguide/ps-restrict-decryption.html;
 * https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html). A
 * customer managed key needs kms:Decrypt granted in its key policy or added by hand.
 */
import { splitSecrets, parseSecretRef } from '../contracts/secrets';

/** A parameter's ARN: a hierarchical name keeps its leading "/", a plain one is joined with "/". */
export function parameterArn(id: string, region: string, account: string): string {
  if (id.startsWith('arn:')) return id;
  return `arn:aws:ssm:${region}:${account}:parameter${id.startsWith('/') ? '' : '/'}${id}`;
}

/**
 * A secret's ARN for IAM: a name (or an ARN without AWS's random suffix) gets "-??????", exactly six
 * characters, as AWS documents (https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_iam-policies.html).
 */
export function secretArn(id: string, region: string, account: string): string {
  if (id.startsWith('arn:')) return /:secret:.+-[A-Za-z0-9]{6}$/.test(id) ? id : `${id}-??????`;
  return `arn:aws:secretsmanager:${region}:${account}:secret:${id}-??????`;
}

/** The statements for the secrets in these variables; none when there are none. */
export function secretStatements(vars: Record<string, string>, region: string, account: string): object[] {
  const refs = Object.values(splitSecrets(vars).refs).map((v) => parseSecretRef(v)!);
  const ssm = [...new Set(refs.filter((r) => r.source === 'ssm').map((r) => parameterArn(r.id, region, account)))].sort();
  const sm = [...new Set(refs.filter((r) => r.source === 'secretsmanager').map((r) => secretArn(r.id, region, account)))].sort();
  return [
    ...(ssm.length ? [{ Sid: 'SecretsParameters', Effect: 'Allow', Action: 'ssm:GetParameters', Resource: ssm }] : []),
    ...(sm.length ? [{ Sid: 'SecretsManager', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: sm }] : []),
  ];
}
