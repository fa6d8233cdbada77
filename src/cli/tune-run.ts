// `zap tune` end to end: the stage's lock (no deploy meanwhile), Ctrl-C between AWS calls, the output.
import { writeFile } from 'node:fs/promises';
import { colors, createReporter } from '../core/output';
import { UserError } from '../core/errors';
import { INTERRUPT_EXIT_CODE } from '../deploy/progress';
import type { TuneOptions } from '../tune/options';
import { formatTune } from '../tune/format';
import { tuneSvg } from '../tune/svg';
import { tune, type TuneResult } from '../tune/tune';
import { type LockFlags, withStageLock } from './locked';
import type { Session } from './session';

export async function runTune(session: Session, opts: TuneOptions, out: { svg?: string; lock: LockFlags }): Promise<TuneResult> {
  const { settings, clients, globals } = session;
  // Progress per size on stderr; none with --json or in CI, where nobody watches it.
  const report = createReporter({ json: globals.json || Boolean(process.env.CI) });
  const stop: { signal?: string } = {};
  const onSignal = (signal: NodeJS.Signals) => {
    if (stop.signal) process.exit(INTERRUPT_EXIT_CODE);
    stop.signal = signal;
    process.stderr.write(`\nzap: ${signal}: stopping after the AWS call in flight, then putting $LATEST back (press Ctrl-C again to quit at once)\n`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const check = () => {
    if (stop.signal) throw new UserError(`stopped by ${stop.signal}; nothing is left behind (run \`zap tune ${settings.stage}\` again to measure)`, INTERRUPT_EXIT_CODE);
  };
  try {
    const result = await withStageLock(session, { ...out.lock, stopped: () => stop.signal }, () =>
      tune(clients, settings, opts, { check, progress: (line) => report.info(`zap tune: ${line}`) }),
    );
    if (out.svg) await writeFile(out.svg, tuneSvg(result));
    if (globals.json) process.stdout.write(JSON.stringify(result) + '\n');
    else process.stdout.write(formatTune(result, colors(process.stdout)) + (out.svg ? `\nchart written to ${out.svg}` : '') + '\n');
    return result;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    clients.destroy();
  }
}
