import type { Command } from 'commander';
import { UserError } from '../core/errors';

/** The flags `zap emulator` and `zap local` share, parsed and checked. */
export interface EmulatorFlags {
  port: number;
  timeScale: number;
  idleTtl: number;
  stateDir?: string;
}

function number(name: string, min: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) throw new UserError(`--${name}: got "${v}", expected a number >= ${min}`, 2);
    return n;
  };
}

/** Declared once for both commands. --idle-ttl defaults to 300 s, the emulator's own default (src/emulator/index.ts). */
export function withEmulatorFlags(cmd: Command): Command {
  return cmd
    .option('--port <port>', 'emulator port on 127.0.0.1 (0 picks a free one)', number('port', 0), 4566)
    .option('--time-scale <n>', 'run schedules and idle reclaim n times faster', number('time-scale', 0.001), 1)
    .option('--idle-ttl <seconds>', 'reclaim containers idle this long', number('idle-ttl', 0), 300)
    .option('--state-dir <dir>', 'keep the emulator state across restarts');
}
