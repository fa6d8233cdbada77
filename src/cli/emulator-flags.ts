import type { Command } from 'commander';
import { positiveNumber, seconds, wholeNumber } from './flags';

/** The flags `zap emulator` and `zap local` share, parsed and checked. */
export interface EmulatorFlags {
  port: number;
  timeScale: number;
  idleTtl: number;
  stateDir?: string;
  /** Lambda's resource model, each on unless its --no- flag is given. */
  cpuLimit: boolean;
  memoryLimit: boolean;
  freeze: boolean;
}

/** The flags' resource switches, as the emulator takes them. */
export function resourceFlags(f: EmulatorFlags): { cpuLimit: boolean; memoryLimit: boolean; freeze: boolean } {
  return { cpuLimit: f.cpuLimit, memoryLimit: f.memoryLimit, freeze: f.freeze };
}

/** Declared once for both commands. --idle-ttl defaults to 300 s, the emulator's own default (src/emulator/index.ts). */
export function withEmulatorFlags(cmd: Command): Command {
  return cmd
    .option('--port <port>', 'emulator port on 127.0.0.1 (0 picks a free one)', wholeNumber(0, 65535), 4566)
    .option('--time-scale <n>', 'run schedules and idle reclaim n times faster', positiveNumber(), 1)
    .option('--idle-ttl <seconds>', 'reclaim containers idle this long', seconds(), 300)
    .option('--state-dir <dir>', 'keep the emulator state across restarts')
    .option('--no-cpu-limit', 'run containers at full CPU instead of the share their memory buys (1769 MB = 1 vCPU)')
    .option('--no-memory-limit', 'let containers use more memory than their MemorySize instead of killing them')
    .option('--no-freeze', 'let containers run between invocations instead of freezing them');
}
