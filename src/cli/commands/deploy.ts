import type { Command } from 'commander';
import { type LockFlags, lockOptions } from '../locked';
import { openStage, withAwsErrors } from '../session';

/** `zap deploy` and `zap update`: the same idempotent pipeline; update insists the stage exists. */
export function registerDeploy(program: Command): void {
  for (const name of ['deploy', 'update'] as const) {
    lockOptions(program.command(`${name} [stage]`))
      .description(name === 'deploy' ? 'bundle, upload and serve the app; keep it warm (safe to run again)' : 'ship new code or configuration to a deployed stage; the URL stays')
      .option('--plan', 'show what would change, change nothing')
      .option('--no-package-cache', 'package again even when nothing changed since the last package (ZAP_PACKAGE_CACHE=0 does it everywhere)')
      .action(async (stage: string | undefined, opts: { plan?: boolean; packageCache: boolean } & LockFlags, cmd: Command) => {
        const session = await openStage(cmd, stage);
        const { runDeploy } = await import('../deploy-run');
        await withAwsErrors(() => runDeploy(session, { plan: opts.plan ?? false, requireExisting: name === 'update', refreshCompileCache: name === 'update', packageCache: opts.packageCache, lock: opts }));
      });
  }
}
