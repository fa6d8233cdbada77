import type { Command } from 'commander';
import { openStage, withAwsErrors } from '../session';

export function registerStatus(program: Command): void {
  program
    .command('status [stage]')
    .description('what is deployed, whether keep-warm holds its containers, and how often requests meet a cold start')
    .option('--since <when>', 'window for the cold-start figures: 24h, 7d, 90m or an ISO time', '24h')
    .action(async (stage: string | undefined, flags: { since: string }, cmd: Command) => {
      const { parseSince } = await import('../../observe/since');
      const now = Date.now();
      const since = parseSince(flags.since, now);
      const { settings, clients, globals } = await openStage(cmd, stage);
      const { gatherStatus } = await import('../../observe/status');
      const report = await withAwsErrors(() => gatherStatus(clients, settings, { since, now })).finally(() => clients.destroy());
      if (globals.json) {
        console.log(JSON.stringify(report));
        return;
      }
      const { formatStatus } = await import('../../observe/status-format');
      const { colors } = await import('../../core/output');
      console.log(formatStatus(report, colors(process.stdout), now));
    });
}
