import type { Command } from 'commander';
import { type LockFlags, lockOptions } from '../locked';
import { openStage, withAwsErrors } from '../session';
import { positiveNumber, wholeNumber } from '../flags';

interface TuneFlags extends LockFlags {
  memory?: string;
  path?: string[];
  cold: number;
  warm: number;
  goalP95?: number;
  svg?: string;
}

export function registerTune(program: Command): void {
  lockOptions(program.command('tune [stage]'))
    .description('measure the deployed app at several memory sizes: cold start, warm latency, $ per 1M requests, keep-warm $ per month (alias live untouched)')
    .option('--memory <sizes>', 'memory sizes in MB, comma-separated (default 128,256,512,1024,1769,3008)')
    .option('--path <request>', 'a request of the mix, e.g. /about or "POST /orders" (repeatable; default GET /)', (v: string, all: string[] = []) => [...all, v])
    .option('--cold <n>', 'forced cold starts per size', wholeNumber(1, 20), 3)
    .option('--warm <n>', 'warm requests per size', wholeNumber(1, 1000), 20)
    .option('--goal-p95 <ms>', 'recommend the cheapest size whose warm p95 is within this many ms', positiveNumber())
    .option('--svg <file>', 'also write the chart as an SVG image')
    .action(async (stage: string | undefined, flags: TuneFlags, cmd: Command) => {
      const { DEFAULT_MEMORY, parseMemory, parseRequest } = await import('../../tune/options');
      const opts = {
        memory: flags.memory ? parseMemory(flags.memory) : DEFAULT_MEMORY,
        requests: (flags.path ?? ['GET /']).map(parseRequest),
        coldStarts: flags.cold,
        warmRequests: flags.warm,
        goalP95Ms: flags.goalP95,
      };
      const session = await openStage(cmd, stage);
      const { runTune } = await import('../tune-run');
      await withAwsErrors(() => runTune(session, opts, { svg: flags.svg, lock: flags }));
    });
}
