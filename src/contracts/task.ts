/**
 * Scheduled tasks (zap.json `events`): the event EventBridge (and `zap invoke --task`) sends,
 * `{"zap":"task","task":"<name>"}`, and the one stdout line the runtime writes per run, which is
 * also the answer: `zap status` reads the last one per task, `zap tail` marks them.
 */
import { isObject } from './json';

/** The tasks bundle at the artifact's root: `tasks` maps each name to a loader of its function. */
export const TASKS_BUNDLE = 'zap-tasks.cjs';

/** The target id on a task's rule, and the prefix of its statement id on alias `live`. */
export const TASK_TARGET_ID = 'zap-task';
export const TASK_SID_PREFIX = 'zap-task-';

export interface TaskEvent {
  zap: 'task';
  task: string;
}

export interface TaskAnswer {
  zap: 'task';
  task: string;
  ok: boolean;
  /** What the function returned (JSON), when it did not throw. */
  result?: unknown;
  error?: string;
  duration_ms: number;
  cold: boolean;
}

export function taskEvent(task: string): TaskEvent {
  return { zap: 'task', task };
}

/** zap sends exactly this shape; nothing else an app receives has `zap: "task"`. */
export function isTaskEvent(event: unknown): event is TaskEvent {
  return isObject(event) && event.zap === 'task' && typeof event.task === 'string';
}

export function isTaskAnswer(v: unknown): v is TaskAnswer {
  return isObject(v) && v.zap === 'task' && typeof v.task === 'string' && typeof v.ok === 'boolean';
}
