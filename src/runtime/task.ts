/**
 * A scheduled task (zap.json `events`): the named export of the app's own code, loaded from the
 * tasks bundle (contracts/task.ts) without loading the HTTP app, after the secrets. One stdout
 * line per run, the answer itself, for `zap status` and `zap tail`.
 */
import type { Context } from 'aws-lambda';
import { join } from 'node:path';
import { TASKS_BUNDLE, type TaskAnswer, type TaskEvent } from '../contracts/task';
import { errorMessage } from './app-loader';
import { secretsReady } from './secrets';

type TaskFn = (event: TaskEvent, context: Context) => unknown;
type TaskTable = Record<string, () => Promise<unknown>>;

let table: Promise<TaskTable> | undefined;

/** The bundle is CommonJS unless a task module uses top-level await (then .mjs, like the app bundle). */
async function tasks(): Promise<TaskTable> {
  table ??= (async () => {
    const base = join(__dirname, TASKS_BUNDLE);
    try {
      return (require(base) as { tasks: TaskTable }).tasks;
    } catch (err) {
      if ((err as { code?: string }).code !== 'MODULE_NOT_FOUND') throw err;
      const { pathToFileURL } = require('node:url') as typeof import('node:url');
      const esm = (await import(pathToFileURL(base.replace(/\.cjs$/, '.mjs')).href)) as { tasks: TaskTable };
      return esm.tasks;
    }
  })().catch((err: unknown) => {
    table = undefined;
    throw err;
  });
  return table;
}

async function taskFunction(name: string): Promise<TaskFn> {
  const all = await tasks().catch(() => ({}) as TaskTable);
  const load = Object.hasOwn(all, name) ? all[name] : undefined;
  if (!load) throw new Error(`no task named "${name}" in this version (tasks: ${Object.keys(all).join(', ') || 'none'})`);
  const fn = await load();
  if (typeof fn !== 'function') throw new Error(`task "${name}" is not a function in this version`);
  return fn as TaskFn;
}

/** What the function returned, as JSON (undefined becomes null). */
function asJson(v: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(v ?? null));
  } catch {
    return String(v);
  }
}

/**
 * A failed task answers ok:false rather than a function error: EventBridge invokes asynchronously,
 * and Lambda would run a failed invocation twice more, which a non-idempotent job must not suffer.
 */
export async function runTask(event: TaskEvent, context: Context, cold: boolean): Promise<TaskAnswer> {
  const started = Date.now();
  let answer: TaskAnswer;
  try {
    await secretsReady();
    const fn = await taskFunction(event.task);
    const result = await fn(event, context);
    answer = { zap: 'task', task: event.task, ok: true, result: asJson(result), duration_ms: Date.now() - started, cold };
  } catch (err) {
    console.error(`zap: task ${event.task} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    answer = { zap: 'task', task: event.task, ok: false, error: errorMessage(err), duration_ms: Date.now() - started, cold };
  }
  console.log(JSON.stringify(answer));
  return answer;
}
