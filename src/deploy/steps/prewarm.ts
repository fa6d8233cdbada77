import { invoke } from '../../aws/invoke';
import { UserError } from '../../core/errors';
import type { DeployContext } from '../context';
import { keepWarmEvent } from '../desired';
import { isKeepWarmAnswer, type KeepWarmAnswer } from '../../contracts/keep-warm';
import { missingVariablesHint } from '../../package/env-hint';

/**
 * Sends the keep-warm event to the new version itself, before any traffic moves to it: its
 * containers start (and with priming, boot the app) now, and a version whose app cannot start
 * never receives the alias.
 */
export async function prewarmVersion(ctx: DeployContext, version: string): Promise<KeepWarmAnswer | undefined> {
  if (ctx.plan) return undefined;
  const { clients, names: n, settings } = ctx;
  const concurrency = Math.max(1, settings.keep_warm);
  const out = await invoke(clients, n.function, version, keepWarmEvent(concurrency));
  if (out.functionError || !isKeepWarmAnswer(out.payload)) {
    throw new UserError(`version ${version} failed its first start (${out.functionError ?? 'unexpected answer'}): ${out.raw.slice(0, 500)}\nNothing moved: alias live still points where it did. Fix the error and deploy again`);
  }
  const answer = out.payload;
  if (answer.app_error) {
    const hint = missingVariablesHint(answer.app_error, n.stage, settings.environment_variables);
    throw new UserError(`version ${version} started, but the app failed to boot: ${answer.app_error}${hint ? `\n${hint}` : ''}\nNothing moved: alias live still points where it did. Fix the app and deploy again (zap invoke ${n.stage} --version ${version} --path / shows it)`);
  }
  const held = answer.held ?? 1;
  ctx.report.step('prewarm', `version ${version}: ${held}/${concurrency} containers warm${answer.app_ready ? ', app ready' : ''}`);
  return answer;
}
