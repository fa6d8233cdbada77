// SSM Parameter Store over awsJson1_1 (X-Amz-Target "AmazonSSM.<Op>"): the calls a secret needs.
// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameter.html
import { AwsError } from '../errors';
import type { Ctx } from '../context';
import type { EmulatorData, ParameterRecord } from '../model';

type Input = Record<string, any>;
type Op = (i: Input, ctx: Ctx, data: EmulatorData) => unknown;

const TYPES = new Set(['String', 'StringList', 'SecureString']);
const notFound = () => new AwsError('ParameterNotFound', '', 400);

/** A parameter's ARN: a hierarchical name keeps its leading "/" (…:parameter/prod/db), a plain one gains it. */
export const parameterArn = (ctx: Ctx, name: string) => `arn:aws:ssm:${ctx.region}:${ctx.accountId}:parameter${name.startsWith('/') ? '' : '/'}${name}`;

/** A name or the parameter's ARN, as GetParameter accepts either. */
function nameOf(ctx: Ctx, raw: unknown): string {
  if (typeof raw !== 'string' || raw.length < 1 || raw.length > 2048) {
    throw new AwsError('ValidationException', `1 validation error detected: Value '${String(raw)}' at 'name' failed to satisfy constraint: Member must have length between 1 and 2048`);
  }
  const prefix = `arn:aws:ssm:${ctx.region}:${ctx.accountId}:parameter`;
  if (!raw.startsWith(prefix)) return raw;
  const rest = raw.slice(prefix.length);
  // arn:…:parameter/plain names the parameter "plain"; arn:…:parameter/a/b names "/a/b".
  return rest.slice(1).includes('/') ? rest : rest.slice(1);
}

const store = (data: EmulatorData) => (data.parameters ??= {});

/** SecureString without WithDecryption comes back as ciphertext, never the plain value. */
function render(p: ParameterRecord, ctx: Ctx, decrypt: boolean) {
  const value = p.type === 'SecureString' && !decrypt ? Buffer.from(`kms:${p.keyId ?? 'alias/aws/ssm'}:${p.version}`).toString('base64') : p.value;
  return { Name: p.name, Type: p.type, Value: value, Version: p.version, LastModifiedDate: p.lastModified / 1000, ARN: parameterArn(ctx, p.name), DataType: 'text' };
}

export const SSM_OPS: Record<string, Op> = {
  PutParameter(i, ctx, data) {
    const name = nameOf(ctx, i.Name);
    if (name.includes('/') && !name.startsWith('/')) throw new AwsError('ValidationException', 'Parameter name must be a fully qualified name.');
    if (typeof i.Value !== 'string' || i.Value.length === 0) throw new AwsError('ValidationException', "1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1");
    const old = store(data)[name];
    const type = i.Type ?? old?.type ?? 'String';
    if (!TYPES.has(type)) throw new AwsError('ValidationException', `1 validation error detected: Value '${type}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [SecureString, StringList, String]`);
    if (old && !i.Overwrite) throw new AwsError('ParameterAlreadyExists', 'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.');
    const version = (old?.version ?? 0) + 1;
    store(data)[name] = { name, type, value: i.Value, version, lastModified: ctx.now(), description: i.Description, keyId: type === 'SecureString' ? (i.KeyId ?? 'alias/aws/ssm') : undefined };
    return { Version: version, Tier: 'Standard' };
  },
  GetParameter(i, ctx, data) {
    const p = store(data)[nameOf(ctx, i.Name)];
    if (!p) throw notFound();
    return { Parameter: render(p, ctx, i.WithDecryption === true) };
  },
  GetParameters(i, ctx, data) {
    const names: unknown[] = Array.isArray(i.Names) ? i.Names : [];
    if (names.length < 1 || names.length > 10) {
      throw new AwsError('ValidationException', `1 validation error detected: Value '[${names.join(', ')}]' at 'names' failed to satisfy constraint: Member must have length less than or equal to 10`);
    }
    const found = names.map((n) => store(data)[nameOf(ctx, n)]);
    return {
      Parameters: found.filter((p): p is ParameterRecord => p !== undefined).map((p) => render(p, ctx, i.WithDecryption === true)),
      InvalidParameters: names.filter((_, k) => !found[k]),
    };
  },
  DeleteParameter(i, ctx, data) {
    const name = nameOf(ctx, i.Name);
    if (!store(data)[name]) throw notFound();
    delete store(data)[name];
    return {};
  },
};
