// Log events as Lambda writes them to CloudWatch Logs, written out here from AWS's documented
// formats (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html), not with the
// emulator's formatter: observe and the emulator are each checked against AWS, not against each other.
// Every event's message ends in "\n"; REPORT fields are tab-separated, with a tab before that newline.
import type { LogEvent } from '../../src/observe/follow';

/** START RequestId: <id> Version: <version> */
export const startLine = (id: string, version: string) => `START RequestId: ${id} Version: ${version}\n`;
/** END RequestId: <id> */
export const endLine = (id: string) => `END RequestId: ${id}\n`;
/** The Node runtime's console line: <ISO time>\t<request id>\t<LEVEL>\t<message>, newlines in the message as \r. */
export const consoleLine = (at: Date, id: string | undefined, level: string, text: string) => `${at.toISOString()}\t${id}\t${level}\t${text.replaceAll('\n', '\r')}\n`;
/** "<ISO time> <id> Task timed out after 3.00 seconds" */
export const timeoutLine = (id: string, seconds: number, at: Date) => `${at.toISOString()} ${id} Task timed out after ${seconds.toFixed(2)} seconds\n`;

/**
 * What process.stdout.write (morgan, pino, a raw write) leaves in CloudWatch: the text as written,
 * with no time, request id or level (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html).
 */
export const rawLine = (text: string) => `${text}\n`;
/** A new execution environment's first line, before its first START: INIT_START Runtime Version: <v>\tRuntime Version ARN: <arn> */
export const initStartLine = (version = 'nodejs:24.v10') =>
  `INIT_START Runtime Version: ${version}\tRuntime Version ARN: arn:aws:lambda:eu-west-1::runtime:0b6a3f1e2c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f\n`;

let seq = 0;

export function event(timestamp: number, message: string, stream = 'stream-a'): LogEvent {
  seq += 1;
  return { eventId: `${String(timestamp).padStart(16, '0')}${String(seq).padStart(20, '0')}`, timestamp, message, logStreamName: stream };
}

export interface Invocation {
  id: string;
  at: number;
  initMs?: number;
  lines?: string[];
  warm?: Record<string, unknown>;
  status?: 'timeout' | 'error';
}

/** START, the console lines, the warm line, END, REPORT: one ms apart. */
export function invocation(i: Invocation): LogEvent[] {
  const out: LogEvent[] = [];
  let t = i.at;
  out.push(event(t++, startLine(i.id, '3')));
  for (const l of i.lines ?? []) out.push(event(t++, consoleLine(new Date(t), i.id, 'INFO', l)));
  if (i.warm) out.push(event(t++, consoleLine(new Date(t), i.id, 'INFO', JSON.stringify({ zap: 'keep_warm', container: 'c-' + i.id, cold: i.initMs !== undefined, app_ready: true, ...i.warm }))));
  if (i.status === 'timeout') out.push(event(t++, timeoutLine(i.id, 3, new Date(t))));
  out.push(event(t++, endLine(i.id)));
  const init = i.initMs === undefined ? '' : `Init Duration: ${i.initMs.toFixed(2)} ms\t`;
  const status = i.status ? `Status: ${i.status}\t` : '';
  out.push(event(t++, `REPORT RequestId: ${i.id}\tDuration: 12.35 ms\tBilled Duration: 13 ms\tMemory Size: 512 MB\tMax Memory Used: 80 MB\t${init}${status}\n`));
  return out;
}

export const leader = (asked: number, held: number, extra: Record<string, unknown> = {}) => ({ role: 'leader', asked, held, cold_containers: 0, errors: [], duration_ms: 250, ...extra });
export const follower = (id: string) => ({ role: 'follower', fanout: { id, index: 1 } });

export const uuid = (n: number) => `${String(n).padStart(8, '0')}-1111-2222-3333-444455556666`;
