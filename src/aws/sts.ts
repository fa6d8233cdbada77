import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { AwsClients } from './clients';

export async function accountId(c: AwsClients): Promise<string> {
  return (await c.sts.send(new GetCallerIdentityCommand({}))).Account!;
}
