import { main } from '../../src/cli/main';
import type { CliResult } from './cli';

/**
 * Runs the CLI in this process (fast: no Node start-up, no bundle), as `zap -C <cwd> ...args`,
 * capturing what it prints and the exit code it sets.
 */
export async function runZapInProcess(args: string[], cwd: string): Promise<CliResult> {
  const out = { stdout: '', stderr: '' };
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
  const dir = process.cwd();
  process.stdout.write = ((chunk: string | Uint8Array) => ((out.stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((out.stderr += String(chunk)), true)) as typeof process.stderr.write;
  process.exitCode = undefined;
  try {
    await main(['node', 'zap', '-C', cwd, ...args]);
  } finally {
    process.stdout.write = writes.stdout;
    process.stderr.write = writes.stderr;
    process.chdir(dir);
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { code, ...out };
}
