// `zap status`'s scheduled tasks: each one's rule (schedule, state) and its last run in the window,
// read from the one line the runtime writes per run (contracts/task.ts).
import type { AwsClients } from '../aws/clients';
import { getRule } from '../aws/events';
import type { Names } from '../contracts/names';
import { isTaskAnswer, type TaskAnswer } from '../contracts/task';
import { TASK_LINES_PATTERN, zapLineKind } from '../contracts/zap-log';
import { taskName, taskRuleName } from '../settings/events';
import type { StageSettings } from '../settings/types';
import { logFetcher } from './fetch';
import { pollLogEvents } from './follow';
import { parseLine } from './log-line';

export interface TaskStatus {
  name: string;
  function: string;
  /** The rule's schedule as deployed; null when the rule does not exist (deploy not run since the task was added). */
  schedule: string | null;
  state: string | null;
  /** The last run in the window: when, and what it answered. */
  last_run: { time: string; ok: boolean; result?: unknown; error?: string; duration_ms: number } | null;
  runs: number;
}

/** The last answer per task among log lines, in time order. */
export function lastRuns(events: { timestamp: number; message: string }[]): Map<string, { at: number; answer: TaskAnswer; runs: number }> {
  const out = new Map<string, { at: number; answer: TaskAnswer; runs: number }>();
  for (const e of [...events].sort((a, b) => a.timestamp - b.timestamp)) {
    const line = parseLine(e.message);
    if (line.kind !== 'app' || zapLineKind(line.text) !== 'task') continue;
    let answer: unknown;
    try {
      answer = JSON.parse(line.text);
    } catch {
      continue;
    }
    if (!isTaskAnswer(answer)) continue;
    out.set(answer.task, { at: e.timestamp, answer, runs: (out.get(answer.task)?.runs ?? 0) + 1 });
  }
  return out;
}

export async function taskStatus(c: AwsClients, s: StageSettings, n: Names, since: number): Promise<TaskStatus[]> {
  const tasks = s.events ?? [];
  if (tasks.length === 0) return [];
  let events: { timestamp: number; message: string }[] = [];
  for await (const batch of pollLogEvents({ fetchPage: logFetcher(c, n.logGroup, TASK_LINES_PATTERN), startTime: since, follow: false, maxPages: 20 })) {
    events = batch.events;
    break;
  }
  const runs = lastRuns(events);
  return Promise.all(
    tasks.map(async (t) => {
      const name = taskName(t);
      const rule = await getRule(c, taskRuleName(n.function, name));
      const last = runs.get(name);
      return {
        name,
        function: t.function,
        schedule: rule?.scheduleExpression ?? null,
        state: rule?.state ?? null,
        last_run: last
          ? { time: new Date(last.at).toISOString(), ok: last.answer.ok, duration_ms: last.answer.duration_ms, ...(last.answer.ok ? { result: last.answer.result } : { error: last.answer.error }) }
          : null,
        runs: last?.runs ?? 0,
      };
    }),
  );
}

/** Text lines for `zap status`. */
export function formatTasks(tasks: TaskStatus[], c: { bold: (s: string) => string; dim: (s: string) => string; green: (s: string) => string; red: (s: string) => string; yellow: (s: string) => string }): string[] {
  if (tasks.length === 0) return [];
  const out = ['', c.bold('tasks')];
  for (const t of tasks) {
    const schedule = t.schedule ? `${t.schedule}${t.state === 'DISABLED' ? ' (disabled)' : ''}` : c.yellow('no rule: run zap deploy');
    const last = t.last_run
      ? `${t.last_run.ok ? c.green('ok') : c.red('failed')} at ${t.last_run.time} in ${t.last_run.duration_ms} ms: ${t.last_run.ok ? JSON.stringify(t.last_run.result)?.slice(0, 120) : t.last_run.error}`
      : c.dim('no run in the window');
    out.push(`  ${t.name.padEnd(14)}${schedule} · ${t.function} · ${t.runs} run${t.runs === 1 ? '' : 's'} · last ${last}`);
  }
  return out;
}
