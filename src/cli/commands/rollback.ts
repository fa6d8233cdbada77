import type { Command } from 'commander';
import { type LockFlags, lockOptions, withStageLock } from '../locked';
import { openStage, withAwsErrors } from '../session';

export function registerRollback(program: Command): void {
  lockOptions(program.command('rollback [stage]'))
    .description('point alias live back at the previous version (instant)')
    .option('--to <version>', 'a specific retained version')
    .action(async (stage: string | undefined, opts: { to?: string } & LockFlags, cmd: Command) => {
      const session = await openStage(cmd, stage);
      const { settings, clients, globals } = session;
      const { rollback } = await import('../../deploy/rollback');
      const r = await withAwsErrors(() => withStageLock(session, { ...opts, command: 'rollback' }, () => rollback(clients, settings, opts.to))).finally(() => clients.destroy());
      console.log(globals.json ? JSON.stringify(r) : `${r.function}: alias live moved from version ${r.from} to ${r.to}`);
    });
}
