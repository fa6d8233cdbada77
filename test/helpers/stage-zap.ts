import { runZapInProcess } from './cli-in-process';
import type { CliResult } from './cli';

/**
 * `zap <args>` in this process for a deployed stage, with its AWS environment (the emulator's
 * endpoint): for the commands whose test is about what they print, not about the built binary.
 */
export function zapInProcess(stage: { dir: string; env: NodeJS.ProcessEnv }, args: string[]): Promise<CliResult> {
  return runZapInProcess(args, { cwd: stage.dir, env: stage.env });
}
