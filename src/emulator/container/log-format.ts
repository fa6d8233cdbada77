// Lambda's platform log lines, byte for byte: each CloudWatch event of a Lambda log ends in "\n",
// and REPORT fields are tab-separated with a trailing tab.
import { randomBytes } from 'node:crypto';

/** `2026/11/23/[$LATEST]0123…` (32 hex), as Lambda names a log stream per execution environment. */
export function logStreamName(version: string, now: Date = new Date(), hex = randomBytes(16).toString('hex')): string {
  const d = now.toISOString().slice(0, 10).replaceAll('-', '/');
  return `${d}/[${version}]${hex}`;
}

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

/** X-Ray style trace id, handed to the runtime as Lambda-Runtime-Trace-Id. */
export function traceId(now: number = Date.now()): string {
  const epoch = Math.floor(now / 1000).toString(16).padStart(8, '0');
  return `Root=1-${epoch}-${randomBytes(12).toString('hex')};Parent=${randomBytes(8).toString('hex')};Sampled=0`;
}

/** The last `maxBytes` of a log, cut on a character boundary, as Invoke's LogResult tail. */
export function logTail(text: string, maxBytes = 4096): string {
  const buf = Buffer.from(text, 'utf8');
  if (buf.length <= maxBytes) return text;
  return buf.subarray(buf.length - maxBytes).toString('utf8').replace(/^\uFFFD+/, '');
}
