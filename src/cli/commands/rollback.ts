import type { Command } from 'commander';
import { openStage, withAwsErrors } from '../session';

export function registerRollback(program: Command): void {
  program
    .command('rollback [stage]')
    .description('point alias live back at the previous version (instant)')
    .option('--to <version>', 'a specific retained version')
    .action(async (stage: string | undefined, opts: { to?: string }, cmd: Command) => {
      const { settings, clients, globals } = await openStage(cmd, stage);
      const { rollback } = await import('../../deploy/rollback');
      const r = await withAwsErrors(() => rollback(clients, settings, opts.to)).finally(() => clients.destroy());
      console.log(globals.json ? JSON.stringify(r) : `${r.function}: alias live moved from version ${r.from} to ${r.to}`);
    });
}
