import { spawn } from 'node:child_process';
import { ZAP_BIN, type CliResult } from './cli';

/**
 * Runs `zap <args> --verbose` as a user would and sends `signal` once stderr matches `when`
 * (`--verbose` prints "aws: <service> <operation>" as each call starts). `sentAt`: ms after start.
 */
export function runZapUntil(
  args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; when: RegExp; signal?: NodeJS.Signals },
): Promise<CliResult & { sentAt: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ZAP_BIN, ...args, '--verbose'], { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sentAt = -1;
    const started = Date.now();
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      if (sentAt < 0 && opts.when.test(stderr)) {
        sentAt = Date.now() - started;
        child.kill(opts.signal ?? 'SIGINT');
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, sentAt });
    });
  });
}
