import { format } from 'node:util';
import { main } from '../../src/cli/main';
import type { CliResult } from './cli';

/** What `process.exit` throws during an in-process run: the CLI's exit code, and the jest worker lives on. */
class ExitCalled extends Error {
  constructor(readonly code: number) {
    super(`process.exit(${code})`);
  }
}

// One run at a time in this worker: a run owns process.stdout/stderr, console, process.env, the
// working folder and process.exitCode until it ends.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs the CLI in this process (fast: no Node start-up, no bundle, no module loading), as
 * `zap -C <cwd> ...args` (the options as runZap's), capturing what it prints and the exit code it sets. `env` is applied to
 * process.env for the run (a key set to undefined is removed) and restored after. Runs in one
 * worker wait for each other. A test about the process itself (the built binary, signals, stdin,
 * two processes at once) uses runZap instead.
 */
export function runZapInProcess(args: string[], where: string | { cwd: string; env?: NodeJS.ProcessEnv }): Promise<CliResult> {
  const { cwd, env = {} } = typeof where === 'string' ? { cwd: where } : where;
  const run = queue.then(() => runOnce(args, cwd, env));
  queue = run.catch(() => undefined);
  return run;
}

async function runOnce(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CliResult> {
  const out = { stdout: '', stderr: '' };
  const saved = {
    stdout: process.stdout.write,
    stderr: process.stderr.write,
    console: { log: console.log, info: console.info, debug: console.debug, warn: console.warn, error: console.error },
    exit: process.exit,
    exitCode: process.exitCode,
    dir: process.cwd(),
    env: Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]])),
  };
  // After process.exit a real process prints nothing more (main's report of the ExitCalled included).
  let exited: number | undefined;
  const print = (to: 'stdout' | 'stderr', text: string) => void (exited === undefined && (out[to] += text));
  const toOut = (...a: unknown[]) => print('stdout', format(...a) + '\n');
  const toErr = (...a: unknown[]) => print('stderr', format(...a) + '\n');
  process.stdout.write = ((chunk: string | Uint8Array) => (print('stdout', String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => (print('stderr', String(chunk)), true)) as typeof process.stderr.write;
  Object.assign(console, { log: toOut, info: toOut, debug: toOut, warn: toErr, error: toErr });
  process.exit = ((code?: number | string | null) => {
    exited = Number(code ?? process.exitCode ?? 0);
    throw new ExitCalled(exited);
  }) as typeof process.exit;
  setEnv(env);
  process.exitCode = undefined;
  let code: number;
  try {
    await main(['node', 'zap', '-C', cwd, ...args]);
    code = exited ?? Number(process.exitCode ?? 0);
  } catch (err) {
    // main() reports every error itself; what reaches here is process.exit, or a bug in main.
    if (err instanceof ExitCalled) code = err.code;
    else {
      print('stderr', `${(err as Error)?.stack ?? String(err)}\n`);
      code = exited ?? 1;
    }
  } finally {
    process.stdout.write = saved.stdout;
    process.stderr.write = saved.stderr;
    Object.assign(console, saved.console);
    process.exit = saved.exit;
    process.exitCode = saved.exitCode;
    process.chdir(saved.dir);
    setEnv(saved.env);
  }
  return { code, ...out };
}

function setEnv(env: NodeJS.ProcessEnv): void {
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
}
