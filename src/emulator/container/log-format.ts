// The emulator's side of Lambda's logs: stream names, trace ids and Invoke's LogResult tail. The
// platform lines themselves (START/END/REPORT) are in src/contracts/lambda-log.ts, which observe parses.
import { randomBytes } from 'node:crypto';

export { billedDurationMs, endLine, exitDescription, reportLine, runtimeExitMessage, startLine, timeoutMessage, type ReportFields } from '../../contracts/lambda-log';

/** `2026/11/23/[$LATEST]0123…` (32 hex), as Lambda names a log stream per execution environment. */
export function logStreamName(version: string, now: Date = new Date(), hex = randomBytes(16).toString('hex')): string {
  const d = now.toISOString().slice(0, 10).replaceAll('-', '/');
  return `${d}/[${version}]${hex}`;
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
