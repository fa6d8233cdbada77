import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../util/package-root';
import { VERIFY_MARKER, type BootCheck } from '../contracts/boot-check';

import { recordBootFiles } from './boot-files';
import { stderrTail } from './stderr-tail';

export type { BootCheck } from '../contracts/boot-check';

/** How long the check waits for a listen() when the module exports no app: as long as the function does at most. */
export const VERIFY_LISTEN_WAIT_MS = 10_000;

/**
 * Boots the staged app bundle once in a fresh process of the function's Node, as the handler
 * would (dist/runtime/verify.js): reports how the app was obtained, or why it could not be.
 */
export function checkBoot(stageDir: string, node: string, env: Record<string, string>, timeoutMs = VERIFY_LISTEN_WAIT_MS + 5_000, projectDir?: string): Promise<BootCheck> {
  const files = projectDir ? recordBootFiles(projectDir, stageDir) : undefined;
  const child = join(packageRoot(), 'dist', 'runtime', 'verify.js');
  const args = [...(files?.args ?? []), child, stageDir, String(VERIFY_LISTEN_WAIT_MS)];
  return new Promise((resolve) => {
    const proc = spawn(node, args, {
      cwd: stageDir,
      env: { ...process.env, ...env, NODE_OPTIONS: '', ...files?.env, ZAP_STAGE_ENV_KEYS: Object.keys(env).join(',') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const err = stderrTail(proc.stderr);
    let timedOut = false;
    let settled = false;
    const finish = (r: BootCheck) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const timeUp = () => finish({ timedOut: true, files: files?.read() });
    // SIGTERM first: the child's exit handlers write what the app opened and reached so far (boot-preload.ts).
    // On 'exit', not 'close': a process the app started may hold the pipes open.
    const timer = setTimeout(() => {
      timedOut = true;
      if (proc.exitCode !== null || proc.signalCode !== null) return timeUp();
      proc.kill('SIGTERM');
      setTimeout(() => proc.kill('SIGKILL'), 1000).unref();
    }, timeoutMs);
    proc.on('exit', () => timedOut && timeUp());
    proc.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    proc.on('close', () => {
      if (timedOut) return timeUp();
      const line = out.split('\n').find((l) => l.startsWith(VERIFY_MARKER));
      const result: BootCheck = line ? (JSON.parse(line.slice(VERIFY_MARKER.length)) as BootCheck) : { error: { name: 'Error', message: 'the boot check printed no result' } };
      // An exit says nothing of why: the app's last lines on stderr usually do.
      const said = err.lines();
      if (result.error && (result.error.name === 'ExitError' || !line) && said) result.error.message += `; its last lines on stderr: ${said}`;
      finish({ ...result, files: files?.read() });
    });
  });
}
