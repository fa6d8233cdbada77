import { format } from 'node:util';
import { runZapInProcess } from './cli-in-process';
import type { CliResult } from './cli';

/**
 * `zap <args>` in this process for a deployed stage: its AWS environment (the emulator's endpoint)
 * set for the run and put back after. No Node start-up and no module loading per command, for the
 * commands whose test is about what they print, not about the built binary.
 */
export async function zapInProcess(stage: { dir: string; env: NodeJS.ProcessEnv }, args: string[]): Promise<CliResult> {
  const saved = Object.fromEntries(Object.keys(stage.env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, stage.env);
  // Jest's console does not write through process.stdout, so what a command prints with console.* is
  // sent there for the run, as it is in a CLI process.
  const consoleWas = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  console.log = console.info = (...a: unknown[]) => void process.stdout.write(`${format(...a)}\n`);
  console.warn = console.error = (...a: unknown[]) => void process.stderr.write(`${format(...a)}\n`);
  try {
    return await runZapInProcess(args, stage.dir);
  } finally {
    Object.assign(console, consoleWas);
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
