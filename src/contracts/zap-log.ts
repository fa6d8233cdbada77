/**
 * Which log lines are zap's own: the one stdout line a keep-warm invocation writes
 * (src/runtime/keep-warm.ts) and the first one deploy's compile-cache request writes
 * (src/runtime/compile-cache-event.ts). `zap tail` hides their requests; `zap status` counts them apart.
 */

/** A CloudWatch Logs filter pattern matching zap's own lines (either term). */
export const ZAP_LINES_PATTERN = '?"keep_warm" ?"compile_cache"';

/**
 * A scheduled task's one stdout line per run (src/runtime/task.ts), `{"zap":"task",...}`. Terms,
 * not JSON: Lambda's console lines are prefixed, so CloudWatch's JSON patterns do not see them.
 */
export const TASK_LINES_PATTERN = '"zap" "task" "duration_ms"';

export type ZapLineKind = 'keep_warm' | 'compile_cache' | 'task';

/** The kind of zap line a console message's text is, or undefined for the app's own output. */
export function zapLineKind(text: string): ZapLineKind | undefined {
  // Both lines are JSON.stringify of an object whose first key is zap, so the prefix is exact.
  if (text.startsWith('{"zap":"keep_warm"')) return 'keep_warm';
  if (text.startsWith('{"zap":"compile_cache"')) return 'compile_cache';
  if (text.startsWith('{"zap":"task"')) return 'task';
  return undefined;
}
