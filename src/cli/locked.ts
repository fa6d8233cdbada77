import type { Command } from 'commander';
import { namesFor } from '../contracts/names';
import { seconds } from './flags';
import type { Session } from './session';

export interface LockFlags {
  lockWait?: number;
  wait?: boolean;
  forceUnlock?: boolean;
  /** --plan: run without the lock. */
  plan?: boolean;
  /** rollback, undeploy: a signal releases the lock and exits 130 (deploy handles its own). */
  command?: 'rollback' | 'undeploy';
  /** deploy, update: the signal that asked to stop, which also ends a wait for the lock. */
  stopped?: () => string | undefined;
}

export const DEFAULT_LOCK_WAIT_SECONDS = 120;

/** The flags of every command that changes a stage: deploy, update, rollback, undeploy. */
export function lockOptions(cmd: Command): Command {
  return cmd
    .option('--lock-wait <seconds>', `how long to wait for another deploy of the stage to finish (default ${DEFAULT_LOCK_WAIT_SECONDS})`, seconds())
    .option('--no-wait', 'refuse at once (exit 3) when another deploy holds the stage')
    .option('--force-unlock', 'remove the lock of a deploy that was killed, then go on');
}

/** Runs fn holding the stage's lock (src/deploy/lock.ts); the lock is released however fn ends. */
export async function withStageLock<T>(session: Session, flags: LockFlags, fn: () => Promise<T>): Promise<T> {
  // --plan writes nothing, so it neither waits for nor blocks a deploy.
  if (flags.plan) return fn();
  const say = (line: string) => process.stderr.write(`zap: ${line}\n`);
  // Loaded here, not at the top: `zap --help` must not load the SDK (test/cli/help.test.ts).
  const { acquireLock } = await import('../deploy/lock');
  const lock = await acquireLock(session.clients, namesFor(session.settings), {
    waitSeconds: flags.wait === false ? 0 : (flags.lockWait ?? DEFAULT_LOCK_WAIT_SECONDS),
    noWait: flags.wait === false,
    forceUnlock: flags.forceUnlock ?? false,
    say,
    stopped: flags.stopped,
  });
  const release = () => lock.release().catch((err: Error) => say(`could not release the lock (${err.message}); it expires by ${lock.info.expires}, or use --force-unlock`));
  // deploy and update stop between steps themselves (src/cli/deploy-run.ts); rollback and undeploy
  // are short and idempotent, so a signal releases the lock and quits rather than leave it for 15 min.
  const onSignal = async (signal: NodeJS.Signals) => {
    say(`stopped by ${signal}; run \`zap ${flags.command ?? 'deploy'} ${session.settings.stage}\` again to finish the job`);
    await release();
    process.exit(130);
  };
  if (flags.command) for (const s of SIGNALS) process.once(s, onSignal);
  try {
    return await fn();
  } finally {
    for (const s of SIGNALS) process.off(s, onSignal);
    await release();
  }
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
