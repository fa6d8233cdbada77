/**
 * Secrets named in zap.json (contracts/secrets.ts), fetched once per container before the app
 * loads: SSM parameters in one GetParameters call per ten, Secrets Manager secrets one
 * GetSecretValue each, all at once. The SDK clients load only in a container that has secrets;
 * Lambda's runtime provides them (kept external in the runtime bundle, like client-lambda in fanout.ts).
 */
import { SECRET_ERROR, SECRETS_ENV, readSecretRefs, type SecretRef } from '../contracts/secrets';

type SsmModule = typeof import('@aws-sdk/client-ssm');
type SecretsModule = typeof import('@aws-sdk/client-secrets-manager');

let resolving: Promise<void> | undefined;
/** Time spent in require() of the SDK clients, reported apart from the calls themselves. */
let sdkLoadMs = 0;

function loadSdk<T>(name: string): T {
  const t = Date.now();
  const sdk = require(name) as T;
  sdkLoadMs += Date.now() - t;
  return sdk;
}

/** Resolves once every secret is in process.env; a failure is not kept, so the next call tries again. */
export function secretsReady(): Promise<void> {
  resolving ??= resolveSecrets().catch((err: unknown) => {
    resolving = undefined;
    throw err;
  });
  return resolving;
}

function secretError(message: string): Error {
  const err = new Error(message);
  err.name = SECRET_ERROR;
  return err;
}

const shown = (env: string, ref: SecretRef) => `${env} (${ref.source}:${ref.id})`;

async function resolveSecrets(): Promise<void> {
  const refs = Object.entries(readSecretRefs(process.env[SECRETS_ENV]));
  if (refs.length === 0) return;
  const started = Date.now();
  const ssm = refs.filter(([, r]) => r.source === 'ssm');
  const sm = refs.filter(([, r]) => r.source === 'secretsmanager');
  const [fromSsm, fromSm] = await Promise.all([ssm.length ? readParameters(ssm) : [], sm.length ? readSecrets(sm) : []]).catch((err: unknown) => {
    throw secretError(`could not read ${ssm.map(([e, r]) => shown(e, r)).join(', ')}: ${(err as Error).name}: ${(err as Error).message}`);
  });
  const values = [...fromSsm, ...fromSm];
  const missing = values.filter((v) => v.value === undefined);
  if (missing.length) {
    throw secretError(`could not read ${missing.map((m) => `${shown(m.env, m.ref)}: ${m.why}`).join('; ')}`);
  }
  for (const v of values) process.env[v.env] = v.value;
  console.error(`zap: ${values.length} secret(s) read in ${Date.now() - started} ms (${sdkLoadMs} ms of it loading the SDK clients)`);
}

interface Fetched {
  env: string;
  ref: SecretRef;
  value?: string;
  why?: string;
}

async function readParameters(refs: [string, SecretRef][]): Promise<Fetched[]> {
  const sdk = loadSdk<SsmModule>('@aws-sdk/client-ssm');
  const client = new sdk.SSMClient({});
  try {
    const out: Fetched[] = [];
    for (let i = 0; i < refs.length; i += 10) {
      const batch = refs.slice(i, i + 10);
      const res = await client.send(new sdk.GetParametersCommand({ Names: [...new Set(batch.map(([, r]) => r.id))], WithDecryption: true }));
      for (const [env, ref] of batch) {
        const p = res.Parameters?.find((x) => x.Name === ref.id || x.ARN === ref.id);
        out.push(p?.Value !== undefined ? { env, ref, value: p.Value } : { env, ref, why: 'ParameterNotFound' });
      }
    }
    return out;
  } finally {
    client.destroy();
  }
}

async function readSecrets(refs: [string, SecretRef][]): Promise<Fetched[]> {
  const sdk = loadSdk<SecretsModule>('@aws-sdk/client-secrets-manager');
  const client = new sdk.SecretsManagerClient({});
  try {
    return await Promise.all(
      refs.map(async ([env, ref]): Promise<Fetched> => {
        try {
          const res = await client.send(new sdk.GetSecretValueCommand({ SecretId: ref.id }));
          return res.SecretString !== undefined ? { env, ref, value: res.SecretString } : { env, ref, why: 'the secret holds binary data, not a string' };
        } catch (err) {
          return { env, ref, why: (err as Error).name ?? String(err) };
        }
      }),
    );
  } finally {
    client.destroy();
  }
}
