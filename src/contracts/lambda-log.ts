/**
 * Lambda's platform log lines, byte for byte, in one place: the emulator writes them
 * (src/emulator/container) and `zap tail` / `zap status` parse them (src/observe/log-line.ts).
 * Each CloudWatch event of a Lambda log ends in "\n"; REPORT fields are tab-separated with a
 * trailing tab. https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html
 */

export function startLine(requestId: string, version: string): string {
  return `START RequestId: ${requestId} Version: ${version}\n`;
}

export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}\n`;
}

export interface ReportFields {
  requestId: string;
  durationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  /** Only on an execution environment's first invocation. */
  initDurationMs?: number;
  /** Lambda appends `Status: timeout` / `Status: error` when the runtime did not answer. */
  status?: 'timeout' | 'error';
  errorType?: string;
}

export function reportLine(f: ReportFields): string {
  const parts = [
    `REPORT RequestId: ${f.requestId}`,
    `Duration: ${f.durationMs.toFixed(2)} ms`,
    `Billed Duration: ${billedDurationMs(f.durationMs)} ms`,
    `Memory Size: ${f.memorySizeMb} MB`,
    `Max Memory Used: ${f.maxMemoryUsedMb} MB`,
  ];
  if (f.initDurationMs !== undefined) parts.push(`Init Duration: ${f.initDurationMs.toFixed(2)} ms`);
  if (f.status) parts.push(`Status: ${f.status}`);
  if (f.errorType) parts.push(`Error Type: ${f.errorType}`);
  return parts.join('\t') + '\t\n';
}

export function billedDurationMs(durationMs: number): number {
  return Math.max(1, Math.ceil(durationMs));
}

/** Classic Lambda wording, used both as the log line and as the invocation's errorMessage. */
export function timeoutMessage(requestId: string, timeoutSeconds: number, at: Date = new Date()): string {
  return `${at.toISOString()} ${requestId} Task timed out after ${timeoutSeconds.toFixed(2)} seconds`;
}

// Lambda's runtime manager words signals as Go does.
const SIGNAL_WORDS: Partial<Record<NodeJS.Signals, string>> = {
  SIGKILL: 'killed', SIGABRT: 'aborted', SIGSEGV: 'segmentation fault', SIGTERM: 'terminated', SIGBUS: 'bus error',
};

/** "exit status 1" or "signal: killed", as Lambda words a runtime that died. */
export function exitDescription(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal) return `signal: ${SIGNAL_WORDS[signal] ?? signal.replace(/^SIG/, '').toLowerCase()}`;
  return `exit status ${code ?? 0}`;
}

export function runtimeExitMessage(requestId: string, code: number | null, signal: NodeJS.Signals | null): string {
  return `RequestId: ${requestId} Error: Runtime exited with error: ${exitDescription(code, signal)}`;
}

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

export type PlatformLine =
  | { kind: 'start'; requestId: string; version: string }
  | { kind: 'end'; requestId: string }
  | Report
  | { kind: 'timeout'; requestId: string; seconds: number }
  | { kind: 'runtime_error'; requestId: string; text: string };

const ID = '([0-9a-fA-F-]{8,})';
const START = new RegExp(`^START RequestId: ${ID}(?: Version: (\\S+))?`);
const END = new RegExp(`^END RequestId: ${ID}`);
const REPORT = new RegExp(`^REPORT RequestId: ${ID}`);
// "2026-11-23T06:00:00.000Z <id> Task timed out after 3.00 seconds"
const TIMEOUT = new RegExp(`^(?:\\S+ )?${ID} Task timed out after ([\\d.]+) seconds`);
const RUNTIME_ERROR = new RegExp(`^RequestId: ${ID} Error: (.*)`);

/** One platform line (without its trailing newline), or undefined when the line is not one. */
export function parsePlatformLine(m: string): PlatformLine | undefined {
  let r: RegExpExecArray | null;
  if ((r = START.exec(m))) return { kind: 'start', requestId: r[1]!, version: r[2] ?? '' };
  if ((r = END.exec(m))) return { kind: 'end', requestId: r[1]! };
  if ((r = REPORT.exec(m))) return parseReport(r[1]!, m);
  if ((r = TIMEOUT.exec(m))) return { kind: 'timeout', requestId: r[1]!, seconds: Number(r[2]) };
  if ((r = RUNTIME_ERROR.exec(m))) return { kind: 'runtime_error', requestId: r[1]!, text: r[2]! };
  return undefined;
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
