import type { Command } from 'commander';
import { positiveNumber, seconds, wholeNumber } from '../flags';
import { globalsOf } from '../session';

export function registerLocal(program: Command): void {
  program
    .command('local [stage]')
    .description("start the embedded AWS emulator on 127.0.0.1 and deploy this project into it (zap's sample app when there is no zap.json here)")
    .option('--port <port>', 'emulator port (0 picks a free one)', wholeNumber(0, 65535), 4566)
    .option('--time-scale <n>', 'run schedules and idle reclaim n times faster', positiveNumber(), 1)
    .option('--idle-ttl <seconds>', 'reclaim containers idle this long', seconds(), 600)
    .option('--state-dir <dir>', 'keep the emulator state across restarts')
    .action(async (stage: string | undefined, opts: { port: number; timeScale: number; idleTtl: number; stateDir?: string }, cmd: Command) => {
      const { runLocal } = await import('../../local/local');
      const stopped = new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await runLocal({ port: opts.port, stage, timeScale: opts.timeScale, idleTtlSeconds: opts.idleTtl, stateDir: opts.stateDir }, globalsOf(cmd), stopped);
    });
}
