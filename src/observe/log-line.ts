// Lambda's log lines, one CloudWatch event each: the platform's START/END/REPORT, timeouts and
// runtime exits, and the Node runtime's console lines (`<ISO time>\t<requestId>\t<LEVEL>\t<text>`).
// https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html
import { isKeepWarmAnswer, type KeepWarmAnswer } from '../contracts/keep-warm';
import { parsePlatformLine, type PlatformLine, type Report } from '../contracts/lambda-log';
import { zapLineKind } from '../contracts/zap-log';
import { isTaskAnswer, type TaskAnswer } from '../contracts/task';

export type { Report };

export type LogLine =
  | PlatformLine
  | { kind: 'app'; requestId?: string; level: string; text: string; warm?: KeepWarmAnswer; task?: TaskAnswer; zapInternal?: true }
  | { kind: 'other'; requestId?: undefined; text: string };

const CONSOLE = /^(\d{4}-\d\d-\d\dT[\d:.]+Z)\t(\S+)\t([A-Z]+)\t([\s\S]*)$/;

/** The message without Lambda's trailing newline. */
const trimEnd = (m: string) => m.replace(/\r?\n$/, '');

export function parseLine(message: string): LogLine {
  const m = trimEnd(message);
  const platform = parsePlatformLine(m);
  if (platform) return platform;
  const r = CONSOLE.exec(m);
  if (r) {
    const text = r[4]!;
    const requestId = r[2] === 'undefined' ? undefined : r[2];
    const zap = zapLineKind(text);
    const warm = zap === 'keep_warm' ? warmAnswer(text) : undefined;
    // Deploy's compile-cache request announces itself first (src/runtime/compile-cache-event.ts).
    const internal = zap === 'compile_cache';
    const task = zap === 'task' ? taskAnswer(text) : undefined;
    return { kind: 'app', requestId, level: r[3]!, text, ...(warm ? { warm } : {}), ...(task ? { task } : {}), ...(internal ? { zapInternal: true as const } : {}) };
  }
  return { kind: 'other', text: m };
}

function warmAnswer(text: string): KeepWarmAnswer | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return isKeepWarmAnswer(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** A scheduled task's line (src/runtime/task.ts): `zap tail` marks it. */
function taskAnswer(text: string): TaskAnswer | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return isTaskAnswer(v) ? v : undefined;
  } catch {
    return undefined;
  }
}
