// Secrets Manager over awsJson1_1 (X-Amz-Target "secretsmanager.<Op>"): the calls a secret needs.
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html
import { randomUUID } from 'node:crypto';
import { AwsError } from '../errors';
import type { Ctx } from '../context';
import type { EmulatorData, SecretRecord } from '../model';

type Input = Record<string, any>;
type Op = (i: Input, ctx: Ctx, data: EmulatorData) => unknown;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
const notFound = () => new AwsError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.", 400);
const store = (data: EmulatorData) => (data.secrets ??= {});

/** AWS appends "-" and six random characters to the name in every secret's ARN. */
const newArn = (ctx: Ctx, name: string) =>
  `arn:aws:secretsmanager:${ctx.region}:${ctx.accountId}:secret:${name}-${Array.from({ length: 6 }, () => ALPHABET[Math.floor(Math.random() * ALPHABET.length)]).join('')}`;

/** SecretId is a name, a full ARN, or a partial ARN (the ARN without its random suffix). */
function find(data: EmulatorData, id: unknown): SecretRecord {
  if (typeof id !== 'string' || id === '') throw new AwsError('ValidationException', "1 validation error detected: Value at 'secretId' failed to satisfy constraint: Member must not be null");
  const all = Object.values(store(data));
  const hit = id.startsWith('arn:') ? all.find((s) => s.arn === id || s.arn.slice(0, -7) === id) : store(data)[id];
  if (!hit) throw notFound();
  return hit;
}

function live(s: SecretRecord, op: string): SecretRecord {
  if (s.deletedAt !== undefined) {
    throw new AwsError('InvalidRequestException', `You can't perform this operation on the secret because it was marked for deletion.`, 400, { Message: op });
  }
  return s;
}

const versionOut = (s: SecretRecord) => ({ ARN: s.arn, Name: s.name, VersionId: s.versionId });

export const SECRETS_OPS: Record<string, Op> = {
  CreateSecret(i, ctx, data) {
    const name = i.Name;
    if (typeof name !== 'string' || !NAME.test(name)) throw new AwsError('ValidationException', `Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!`);
    if (store(data)[name]) throw new AwsError('ResourceExistsException', `The operation failed because the secret ${name} already exists.`);
    const now = ctx.now();
    const s: SecretRecord = { name, arn: newArn(ctx, name), value: i.SecretString, versionId: i.ClientRequestToken ?? randomUUID(), createdAt: now, changedAt: now, description: i.Description, tags: i.Tags ?? [] };
    store(data)[name] = s;
    return versionOut(s);
  },
  GetSecretValue(i, _ctx, data) {
    const s = live(find(data, i.SecretId), 'GetSecretValue');
    if (s.value === undefined) throw new AwsError('ResourceNotFoundException', "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT");
    return { ...versionOut(s), SecretString: s.value, VersionStages: ['AWSCURRENT'], CreatedDate: s.changedAt / 1000 };
  },
  PutSecretValue(i, ctx, data) {
    const s = live(find(data, i.SecretId), 'PutSecretValue');
    s.value = i.SecretString;
    s.versionId = i.ClientRequestToken ?? randomUUID();
    s.changedAt = ctx.now();
    return { ...versionOut(s), VersionStages: ['AWSCURRENT'] };
  },
  DeleteSecret(i, ctx, data) {
    const s = find(data, i.SecretId);
    if (i.ForceDeleteWithoutRecovery) delete store(data)[s.name];
    else s.deletedAt = ctx.now() + (i.RecoveryWindowInDays ?? 30) * 86_400_000;
    return { ARN: s.arn, Name: s.name, DeletionDate: (s.deletedAt ?? ctx.now()) / 1000 };
  },
  DescribeSecret(i, _ctx, data) {
    const s = find(data, i.SecretId);
    return {
      ARN: s.arn, Name: s.name, Description: s.description, CreatedDate: s.createdAt / 1000, LastChangedDate: s.changedAt / 1000,
      ...(s.deletedAt !== undefined ? { DeletedDate: s.deletedAt / 1000 } : {}),
      VersionIdsToStages: { [s.versionId]: ['AWSCURRENT'] }, Tags: s.tags,
    };
  },
};
