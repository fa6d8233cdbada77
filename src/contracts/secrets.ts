/**
 * Secrets named in zap.json's environment_variables ("ssm:/prod/db/password",
 * "secretsmanager:<name or ARN>"): deploy leaves them out of the function's configuration and
 * writes only this reference list; the runtime (src/runtime/secrets.ts) fetches the values once per
 * container, before the app loads.
 */

/** The function variable that lists the references: JSON {"ENV_NAME": "ssm:/name", ...}. */
export const SECRETS_ENV = 'ZAP_SECRETS';

/** The error name the runtime gives a secret it could not read; deploy's prewarm reports it. */
export const SECRET_ERROR = 'ZapSecretError';

export type SecretRef = { source: 'ssm'; id: string } | { source: 'secretsmanager'; id: string };

/** A variable's value names a secret when it starts with one of these prefixes and names something. */
export function parseSecretRef(value: string): SecretRef | undefined {
  const m = /^(ssm|secretsmanager):(.+)$/.exec(value);
  return m ? { source: m[1] as SecretRef['source'], id: m[2]! } : undefined;
}

/** Splits the user's variables: plain values go into the configuration, secret references into SECRETS_ENV. */
export function splitSecrets(vars: Record<string, string>): { plain: Record<string, string>; refs: Record<string, string> } {
  const plain: Record<string, string> = {};
  const refs: Record<string, string> = {};
  for (const [k, v] of Object.entries(vars)) (parseSecretRef(v) ? refs : plain)[k] = v;
  return { plain, refs };
}

/** The configuration's variables for the user's own: secret values never appear, only SECRETS_ENV. */
export function configuredVariables(vars: Record<string, string>): Record<string, string> {
  const { plain, refs } = splitSecrets(vars);
  return Object.keys(refs).length ? { ...plain, [SECRETS_ENV]: JSON.stringify(refs) } : plain;
}

/** Reads SECRETS_ENV back; anything malformed is no references (the runtime then serves without them). */
export function readSecretRefs(raw: string | undefined): Record<string, SecretRef> {
  if (!raw) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return {};
  }
  if (!parsed || typeof parsed !== 'object') return {};
  const out: Record<string, SecretRef> = {};
  for (const [k, v] of Object.entries(parsed)) {
    const ref = typeof v === 'string' ? parseSecretRef(v) : undefined;
    if (ref) out[k] = ref;
  }
  return out;
}
