import { parametersExist, secretExists, type Existence } from '../../aws/secrets';
import { UserError } from '../../core/errors';
import { type DeployContext, unchanged } from '../context';
import { parseSecretRef, splitSecrets } from '../../contracts/secrets';

/**
 * Before any change: every secret zap.json names exists, where the deploying credentials may look
 * (no value is read: GetParameters without decryption, DescribeSecret). Where they may not, the
 * new version's first start (prewarm) reads them with the function's own role, before `live` moves.
 */
export async function checkSecrets(ctx: DeployContext): Promise<void> {
  const { clients, settings } = ctx;
  const refs = Object.entries(splitSecrets(settings.environment_variables).refs).map(([env, v]) => ({ env, ref: parseSecretRef(v)! }));
  if (refs.length === 0) return;
  const ssmIds = [...new Set(refs.filter((r) => r.ref.source === 'ssm').map((r) => r.ref.id))];
  const found = ssmIds.length ? await parametersExist(clients, ssmIds) : new Map<string, Existence>();
  for (const r of refs.filter((x) => x.ref.source === 'secretsmanager')) found.set(`sm:${r.ref.id}`, await secretExists(clients, r.ref.id));
  const state = (r: (typeof refs)[number]) => found.get(r.ref.source === 'ssm' ? r.ref.id : `sm:${r.ref.id}`) ?? 'unknown';
  const missing = refs.filter((r) => state(r) === 'missing');
  if (missing.length) {
    const what = missing.map((m) => `key 'environment_variables.${m.env}': ${m.ref.source === 'ssm' ? 'SSM parameter' : 'secret'} ${m.ref.id} does not exist in ${clients.region}`);
    throw new UserError(`zap.json: stage '${settings.stage}', ${what.join('; ')}. Create it or fix the name; nothing was changed`, 2);
  }
  const unknown = refs.filter((r) => state(r) === 'unknown');
  if (unknown.length) ctx.report.step('secrets', `could not check ${unknown.map((u) => u.env).join(', ')} (access denied to the deploying credentials): the new version's first start reads them`, 'same');
  else unchanged(ctx, 'secrets', `${refs.length} found: ${refs.map((r) => r.env).join(', ')}`);
}
