import type { AwsClients } from '../aws/clients';
import type { Reporter } from '../core/output';
import type { StageSettings } from '../settings/types';
import type { Names } from '../contracts/names';

export interface Change {
  step: string;
  action: string;
}

export interface DeployContext {
  clients: AwsClients;
  settings: StageSettings;
  names: Names;
  /** --plan: read everything, write nothing, record what would change. */
  plan: boolean;
  changes: Change[];
  report: Reporter;
  /** Throws when a Ctrl-C asked the deploy to stop; retry loops call it between attempts. */
  checkStop?: () => void;
}

/**
 * Every write goes through here: in plan mode it is recorded and skipped, otherwise run and
 * reported. One code path for --plan and for the real thing.
 */
export async function write<T>(ctx: DeployContext, step: string, action: string, fn: () => Promise<T>): Promise<T | undefined> {
  ctx.changes.push({ step, action });
  if (ctx.plan) {
    ctx.report.step(step, `would ${action}`, 'plan');
    return undefined;
  }
  const out = await fn();
  ctx.report.step(step, action);
  return out;
}

export function unchanged(ctx: DeployContext, step: string, detail: string): void {
  ctx.report.step(step, detail, 'same');
}
