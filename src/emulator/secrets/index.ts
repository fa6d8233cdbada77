import { SECRETS_OPS } from './secrets-manager';
import { SSM_OPS } from './ssm';

/** The operation behind an X-Amz-Target prefix of SSM ("AmazonSSM") or Secrets Manager ("secretsmanager"). */
export function secretsOperation(prefix: string, operation: string): (typeof SSM_OPS)[string] | undefined {
  const table = prefix === 'AmazonSSM' ? SSM_OPS : prefix === 'secretsmanager' ? SECRETS_OPS : undefined;
  return table && Object.hasOwn(table, operation) ? table[operation] : undefined;
}
