import type { Command } from 'commander';
import { UserError } from '../../core/errors';
import { type LockFlags, lockOptions, withStageLock } from '../locked';
import { openStage, withAwsErrors } from '../session';

export function registerUndeploy(program: Command): void {
  lockOptions(program.command('undeploy [stage]'))
    .description('remove what deploy made for the stage (asks first)')
    .option('--yes', 'do not ask')
    .option('--purge-logs', 'remove the log group too')
    .action(async (stage: string | undefined, opts: { yes?: boolean; purgeLogs?: boolean } & LockFlags, cmd: Command) => {
      const session = await openStage(cmd, stage);
      const { settings, clients, globals } = session;
      const { namesFor } = await import('../../contracts/names');
      const name = namesFor(settings).function;
      if (!opts.yes) await confirm(`remove ${name} (function, URL or HTTP API, keep-warm rule, role)? type the stage name '${settings.stage}' to confirm: `, settings.stage);
      const { undeploy } = await import('../../deploy/undeploy');
      const { createReporter } = await import('../../core/output');
      const r = await withAwsErrors(() => withStageLock(session, { ...opts, command: 'undeploy' }, () => undeploy(clients, settings, { purgeLogs: opts.purgeLogs ?? false, report: createReporter({ json: globals.json }) }))).finally(() => clients.destroy());
      console.log(globals.json ? JSON.stringify(r) : r.removed.length ? `undeployed ${name}` : `nothing of ${name} was deployed`);
    });
}

async function confirm(question: string, expected: string): Promise<void> {
  if (!process.stdin.isTTY) throw new UserError('undeploy asks before removing anything; pass --yes to run it without a terminal', 2);
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question(question).finally(() => rl.close());
  if (answer.trim() !== expected) throw new UserError('not confirmed; nothing was removed');
}
