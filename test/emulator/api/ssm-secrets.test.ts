// SSM Parameter Store and Secrets Manager as the SDK sees them: the calls secrets need, and AWS's refusals.
import {
  DeleteParameterCommand, GetParameterCommand, GetParametersCommand, ParameterAlreadyExists, ParameterNotFound, PutParameterCommand, SSMClient,
} from '@aws-sdk/client-ssm';
import {
  CreateSecretCommand, DeleteSecretCommand, DescribeSecretCommand, GetSecretValueCommand, InvalidRequestException, PutSecretValueCommand,
  ResourceExistsException, ResourceNotFoundException, SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { startEmulator, type Emulator } from '../../../src/emulator';

let emu: Emulator;
let ssm: SSMClient;
let sm: SecretsManagerClient;

beforeAll(async () => {
  emu = await startEmulator({ region: 'us-east-1' });
  const cfg = { endpoint: emu.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
  ssm = new SSMClient(cfg);
  sm = new SecretsManagerClient(cfg);
});
afterAll(async () => {
  ssm.destroy();
  sm.destroy();
  await emu.close();
});

describe('SSM Parameter Store', () => {
  test('a SecureString comes back in clear only WithDecryption; versions count overwrites', async () => {
    expect(await ssm.send(new PutParameterCommand({ Name: '/app/db/password', Value: 's3cret', Type: 'SecureString' }))).toMatchObject({ Version: 1, Tier: 'Standard' });
    const plain = await ssm.send(new GetParameterCommand({ Name: '/app/db/password', WithDecryption: true }));
    expect(plain.Parameter).toMatchObject({ Name: '/app/db/password', Type: 'SecureString', Value: 's3cret', Version: 1, ARN: 'arn:aws:ssm:us-east-1:000000000000:parameter/app/db/password' });
    const cipher = await ssm.send(new GetParameterCommand({ Name: '/app/db/password' }));
    expect(cipher.Parameter!.Value).not.toBe('s3cret');
    await expect(ssm.send(new PutParameterCommand({ Name: '/app/db/password', Value: 'x', Type: 'SecureString' }))).rejects.toBeInstanceOf(ParameterAlreadyExists);
    expect(await ssm.send(new PutParameterCommand({ Name: '/app/db/password', Value: 'new', Overwrite: true }))).toMatchObject({ Version: 2 });
    const byArn = await ssm.send(new GetParameterCommand({ Name: 'arn:aws:ssm:us-east-1:000000000000:parameter/app/db/password', WithDecryption: true }));
    expect(byArn.Parameter).toMatchObject({ Value: 'new', Type: 'SecureString' });
  });

  test('GetParameters names the missing ones; GetParameter and DeleteParameter refuse them with ParameterNotFound', async () => {
    await ssm.send(new PutParameterCommand({ Name: 'plain-name', Value: 'v' }));
    const out = await ssm.send(new GetParametersCommand({ Names: ['plain-name', '/nope'], WithDecryption: true }));
    expect(out.Parameters!.map((p) => [p.Name, p.Value, p.ARN])).toEqual([['plain-name', 'v', 'arn:aws:ssm:us-east-1:000000000000:parameter/plain-name']]);
    expect(out.InvalidParameters).toEqual(['/nope']);
    await expect(ssm.send(new GetParameterCommand({ Name: '/nope' }))).rejects.toBeInstanceOf(ParameterNotFound);
    await ssm.send(new DeleteParameterCommand({ Name: 'plain-name' }));
    await expect(ssm.send(new DeleteParameterCommand({ Name: 'plain-name' }))).rejects.toBeInstanceOf(ParameterNotFound);
  });
});

describe('Secrets Manager', () => {
  test('a secret has an ARN with six random characters; name, full and partial ARN all find it', async () => {
    const made = await sm.send(new CreateSecretCommand({ Name: 'prod/api-key', SecretString: 'k1' }));
    expect(made.ARN).toMatch(/^arn:aws:secretsmanager:us-east-1:000000000000:secret:prod\/api-key-[A-Za-z0-9]{6}$/);
    for (const id of ['prod/api-key', made.ARN!, made.ARN!.slice(0, -7)]) {
      expect(await sm.send(new GetSecretValueCommand({ SecretId: id }))).toMatchObject({ Name: 'prod/api-key', SecretString: 'k1', VersionStages: ['AWSCURRENT'] });
    }
    await expect(sm.send(new CreateSecretCommand({ Name: 'prod/api-key', SecretString: 'again' }))).rejects.toBeInstanceOf(ResourceExistsException);
    const put = await sm.send(new PutSecretValueCommand({ SecretId: 'prod/api-key', SecretString: 'k2' }));
    expect(put.VersionId).not.toBe(made.VersionId);
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'prod/api-key' }))).SecretString).toBe('k2');
    expect(await sm.send(new DescribeSecretCommand({ SecretId: 'prod/api-key' }))).toMatchObject({ ARN: made.ARN, Name: 'prod/api-key' });
  });

  test('missing secrets are ResourceNotFoundException; one scheduled for deletion refuses reads until it is gone', async () => {
    await expect(sm.send(new GetSecretValueCommand({ SecretId: 'nope' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(sm.send(new DescribeSecretCommand({ SecretId: 'nope' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    await sm.send(new CreateSecretCommand({ Name: 'temp', SecretString: 't' }));
    await sm.send(new DeleteSecretCommand({ SecretId: 'temp', RecoveryWindowInDays: 7 }));
    await expect(sm.send(new GetSecretValueCommand({ SecretId: 'temp' }))).rejects.toBeInstanceOf(InvalidRequestException);
    expect((await sm.send(new DescribeSecretCommand({ SecretId: 'temp' }))).DeletedDate).toBeInstanceOf(Date);
    await sm.send(new DeleteSecretCommand({ SecretId: 'temp', ForceDeleteWithoutRecovery: true }));
    await expect(sm.send(new DescribeSecretCommand({ SecretId: 'temp' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});
