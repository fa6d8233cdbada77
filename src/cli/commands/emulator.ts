import type { Command } from 'commander';
import { UserError } from '../../core/errors';
import { resourceFlags, withEmulatorFlags, type EmulatorFlags } from '../emulator-flags';

export function registerEmulator(program: Command): void {
  withEmulatorFlags(
    program
      .command('emulator')
      .description('run the embedded AWS emulator (Lambda, IAM, STS, EventBridge, CloudWatch Logs) on 127.0.0.1 until Ctrl-C'),
  )
    .action(async (opts: EmulatorFlags) => {
      const { startEmulator } = await import('../../emulator');
      const emulator = await startEmulator({
        port: opts.port, timeScale: opts.timeScale, idleTtlSeconds: opts.idleTtl, stateDir: opts.stateDir, resources: resourceFlags(opts),
      }).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'EADDRINUSE') throw new UserError(`port ${opts.port} is in use: pass --port 0 or another port`);
        throw err;
      });
      process.stdout.write(`endpoint: ${emulator.endpoint}\n${emulator.resourceSummary}\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await emulator.close();
    });
}
