// Lambda's log lines, one CloudWatch event each: the platform's START/END/REPORT, timeouts and
// runtime exits, and the Node runtime's console lines (`<ISO time>\t<requestId>\t<LEVEL>\t<text>`).
// https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html
import { isKeepWarmAnswer, type KeepWarmAnswer } from '../runtime-contract';

export interface Report {
  kind: 'report';
  requestId: string;
  durationMs: number;
  billedMs?: number;
  memorySizeMb?: number;
  maxMemoryMb?: number;
  /** Only on a cold start: the execution environment's init time. */
  initMs?: number;
  /** `Status: timeout` / `Status: error` when the runtime did not answer. */
  status?: string;
}

export type LogLine =
  | { kind: 'start'; requestId: string; version: string }
  | { kind: 'end'; requestId: string }
  | Report
  | { kind: 'timeout'; requestId: string; seconds: number }
  | { kind: 'runtime_error'; requestId: string; text: string }
  | { kind: 'app'; requestId?: string; level: string; text: string; warm?: KeepWarmAnswer; zapInternal?: true }
  | { kind: 'other'; requestId?: undefined; text: string };

const ID = '([0-9a-fA-F-]{8,})';
const START = new RegExp(`^START RequestId: ${ID}(?: Version: (\\S+))?`);
const END = new RegExp(`^END RequestId: ${ID}`);
const REPORT = new RegExp(`^REPORT RequestId: ${ID}`);
// "2026-11-23T06:00:00.000Z <id> Task timed out after 3.00 seconds"
const TIMEOUT = new RegExp(`^(?:\\S+ )?${ID} Task timed out after ([\\d.]+) seconds`);
const RUNTIME_ERROR = new RegExp(`^RequestId: ${ID} Error: (.*)`);
const CONSOLE = /^(\d{4}-\d\d-\d\dT[\d:.]+Z)\t(\S+)\t([A-Z]+)\t([\s\S]*)$/;

/** The message without Lambda's trailing newline. */
const trimEnd = (m: string) => m.replace(/\r?\n$/, '');

export function parseLine(message: string): LogLine {
  const m = trimEnd(message);
  let r: RegExpExecArray | null;
  if ((r = START.exec(m))) return { kind: 'start', requestId: r[1]!, version: r[2] ?? '' };
  if ((r = END.exec(m))) return { kind: 'end', requestId: r[1]! };
  if ((r = REPORT.exec(m))) return parseReport(r[1]!, m);
  if ((r = TIMEOUT.exec(m))) return { kind: 'timeout', requestId: r[1]!, seconds: Number(r[2]) };
  if ((r = RUNTIME_ERROR.exec(m))) return { kind: 'runtime_error', requestId: r[1]!, text: r[2]! };
  if ((r = CONSOLE.exec(m))) {
    const text = r[4]!;
    const requestId = r[2] === 'undefined' ? undefined : r[2];
    const warm = text.startsWith('{"zap":"keep_warm"') ? warmAnswer(text) : undefined;
    // Deploy's compile-cache request announces itself first (src/runtime/compile-cache-event.ts).
    const internal = text.startsWith('{"zap":"compile_cache"');
    return { kind: 'app', requestId, level: r[3]!, text, ...(warm ? { warm } : {}), ...(internal ? { zapInternal: true as const } : {}) };
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

/** REPORT fields are tab-separated `Name: value unit`; unknown fields are ignored. */
function parseReport(requestId: string, m: string): Report {
  const fields = new Map<string, string>();
  for (const part of m.split('\t').slice(1)) {
    const at = part.indexOf(': ');
    if (at > 0) fields.set(part.slice(0, at).trim(), part.slice(at + 2).trim());
  }
  const num = (k: string) => (fields.has(k) ? parseFloat(fields.get(k)!) : undefined);
  const report: Report = { kind: 'report', requestId, durationMs: num('Duration') ?? 0 };
  const put = <K extends keyof Report>(k: K, v: Report[K] | undefined) => v !== undefined && !Number.isNaN(v) && (report[k] = v);
  put('billedMs', num('Billed Duration'));
  put('memorySizeMb', num('Memory Size'));
  put('maxMemoryMb', num('Max Memory Used'));
  put('initMs', num('Init Duration'));
  put('status', fields.get('Status'));
  return report;
}
