import type { Command } from 'commander';
import { resourceFlags, withEmulatorFlags, type EmulatorFlags } from '../emulator-flags';
import { globalsOf } from '../session';

export function registerLocal(program: Command): void {
  withEmulatorFlags(
    program
      .command('local [stage]')
      .description("start the embedded AWS emulator on 127.0.0.1 and deploy this project into it (zap's sample app when there is no zap.json here)"),
  )
    .action(async (stage: string | undefined, opts: EmulatorFlags, cmd: Command) => {
      const { runLocal } = await import('../local');
      const stopped = new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await runLocal({ port: opts.port, stage, timeScale: opts.timeScale, idleTtlSeconds: opts.idleTtl, stateDir: opts.stateDir, resources: resourceFlags(opts) }, globalsOf(cmd), stopped);
    });
}
