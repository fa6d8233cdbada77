/**
 * In-process schedulers (node-cron's `cron.schedule('0 0 * * *', report)`, cron's CronJob,
 * node-schedule, toad-scheduler, bree, agenda) run jobs on the process's timers. A Lambda container
 * is frozen between invocations: a job runs only when an invocation happens to be in flight at its
 * time, once per warm container, and never while none is warm, with no error anywhere. zap says so,
 * and names its own way: a scheduled task in `events`, run by EventBridge in its own invocation.
 */
import type { Metafile } from 'esbuild';
import { packageOf } from './packages';

const SCHEDULERS = ['node-cron', 'cron', 'node-schedule', 'toad-scheduler', 'bree', 'agenda', '@hokify/agenda'];

export function schedulerWarnings(metafile: Metafile, stage: string): string[] {
  const bundled = new Set(Object.keys(metafile.inputs).map((i) => packageOf(i)?.name));
  const found = SCHEDULERS.filter((p) => bundled.has(p));
  if (!found.length) return [];
  return [
    `${found.join(', ')} run${found.length > 1 ? '' : 's'} scheduled jobs on the process's timers: on Lambda a container is frozen between requests, so a job runs only while a request ` +
      `happens to be in flight, once in each warm container, and never when none is warm. Run each job as a scheduled task instead: ` +
      `"events": [{ "function": "src/jobs.js#cleanup", "expression": "cron(0 0 * * ? *)" }] in zap.json (stage '${stage}')`,
  ];
}
