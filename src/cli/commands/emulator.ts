import type { Command } from 'commander';
import { UserError } from '../../core/errors';
import { positiveNumber, seconds, wholeNumber } from '../flags';

export function registerEmulator(program: Command): void {
  program
    .command('emulator')
    .description('run the embedded AWS emulator (Lambda, IAM, STS, EventBridge, CloudWatch Logs) on 127.0.0.1 until Ctrl-C')
    .option('--port <port>', 'port on 127.0.0.1 (0 picks a free one)', wholeNumber(0, 65535), 4566)
    .option('--time-scale <n>', 'run schedules and idle reclaim n times faster', positiveNumber(), 1)
    .option('--idle-ttl <seconds>', 'reclaim containers idle this long', seconds(), 300)
    .option('--state-dir <dir>', 'keep the emulator state across restarts')
    .action(async (opts: { port: number; timeScale: number; idleTtl: number; stateDir?: string }) => {
      const { startEmulator } = await import('../../emulator');
      const emulator = await startEmulator({
        port: opts.port, timeScale: opts.timeScale, idleTtlSeconds: opts.idleTtl, stateDir: opts.stateDir,
      }).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'EADDRINUSE') throw new UserError(`port ${opts.port} is in use: pass --port 0 or another port`);
        throw err;
      });
      process.stdout.write(`endpoint: ${emulator.endpoint}\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await emulator.close();
    });
}
