import type { Command } from 'commander';
import { openStage, withAwsErrors } from '../session';

interface TailFlags {
  since: string;
  follow?: boolean;
  filter?: string;
  warm?: boolean;
}

export function registerTail(program: Command): void {
  program
    .command('tail [stage]')
    .description('print the function\'s logs in time order: zap\'s own invocations (keep-warm, compile cache) hidden, each request\'s REPORT compact, cold starts marked')
    .option('--since <when>', 'how far back: 10m, 2h, 1d or an ISO time', '10m')
    .option('-f, --follow', 'keep printing new lines until Ctrl-C')
    .option('--filter <pattern>', 'CloudWatch Logs filter pattern, e.g. ERROR or \'{ $.level = "error" }\'')
    .option('--warm', 'show zap\'s own invocations too (keep-warm pings, the compile-cache request), every line of them')
    .action(async (stage: string | undefined, flags: TailFlags, cmd: Command) => {
      const { parseSince } = await import('../../observe/since');
      const since = parseSince(flags.since);
      const { settings, clients, globals } = await openStage(cmd, stage);
      const { runTail } = await import('../../observe/tail');
      const { colors } = await import('../../core/output');
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      // A closed pipe (`zap tail -f | head`) ends the tail like Ctrl-C does.
      process.stdout.on('error', onSignal);
      const interval = Number(process.env.ZAP_TAIL_INTERVAL_MS);
      try {
        await withAwsErrors(() =>
          runTail(clients, settings, {
            since, follow: flags.follow === true, filter: flags.filter, warm: flags.warm === true, json: globals.json === true,
            color: colors(process.stdout), signal: stop.signal, intervalMs: Number.isFinite(interval) && interval > 0 ? interval : undefined,
            out: (line) => process.stdout.write(line + '\n'),
            note: (line) => process.stderr.write(line + '\n'),
          }),
        );
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        process.stdout.off('error', onSignal);
        clients.destroy();
      }
    });
}
