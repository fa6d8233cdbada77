// `zap invoke --task <name>`: the task's event, sent to alias live (or --version) and answered by the task's result.
import type { AwsClients } from '../aws/clients';
import { UserError } from '../core/errors';
import type { StageSettings } from '../settings/types';
import { taskName } from '../settings/events';
import { ALIAS, namesFor } from '../contracts/names';
import { isTaskAnswer, taskEvent } from '../contracts/task';
import { withAwsErrors } from './session';

/** Runs one task now; the exit code is 1 when the task threw. */
export async function runTaskNow(clients: AwsClients, settings: StageSettings, task: string, o: { version?: string; log?: boolean; json: boolean }): Promise<number> {
  const names = (settings.events ?? []).map(taskName);
  if (!names.includes(task)) {
    clients.destroy();
    throw new UserError(`--task ${task}: stage '${settings.stage}' has no such task (tasks in zap.json's "events": ${names.join(', ') || 'none'})`, 2);
  }
  const { invoke } = await import('../aws/invoke');
  const fn = namesFor(settings).function;
  const out = await withAwsErrors(() => invoke(clients, fn, o.version ?? ALIAS, taskEvent(task), { tail: o.log })).finally(() => clients.destroy());
  if (out.logTail) process.stderr.write(out.logTail.endsWith('\n') ? out.logTail : `${out.logTail}\n`);
  const answer = out.payload;
  if (out.functionError || !isTaskAnswer(answer)) {
    process.stderr.write(`task ${task} did not answer as a task (${out.functionError ?? 'unexpected answer'}); was the version deployed before the task existed?\n`);
    process.stdout.write(`${out.raw}\n`);
    return 1;
  }
  if (o.json) process.stdout.write(`${JSON.stringify(answer)}\n`);
  else if (answer.ok) process.stdout.write(`task ${task} ok in ${answer.duration_ms} ms${answer.cold ? ' (cold container)' : ''}\n${JSON.stringify(answer.result, null, 2)}\n`);
  else process.stdout.write(`task ${task} failed in ${answer.duration_ms} ms: ${answer.error}\n`);
  return answer.ok ? 0 : 1;
}
