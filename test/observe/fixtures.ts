// Log events as Lambda (and the emulator) write them, built with the emulator's own formatters.
import { endLine, reportLine, startLine, timeoutMessage } from '../../src/emulator/container/log-format';
import { formatLine } from '../../src/emulator/container/bootstrap-console';
import type { LogEvent } from '../../src/observe/follow';

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
  for (const l of i.lines ?? []) out.push(event(t++, formatLine(new Date(t), i.id, 'INFO', l)));
  if (i.warm) out.push(event(t++, formatLine(new Date(t), i.id, 'INFO', JSON.stringify({ zap: 'keep_warm', container: 'c-' + i.id, cold: i.initMs !== undefined, app_ready: true, ...i.warm }))));
  if (i.status === 'timeout') out.push(event(t++, timeoutMessage(i.id, 3, new Date(t)) + '\n'));
  out.push(event(t++, endLine(i.id)));
  out.push(event(t++, reportLine({ requestId: i.id, durationMs: 12.345, memorySizeMb: 512, maxMemoryUsedMb: 80, initDurationMs: i.initMs, status: i.status })));
  return out;
}

export const leader = (asked: number, held: number, extra: Record<string, unknown> = {}) => ({ role: 'leader', asked, held, cold_containers: 0, errors: [], duration_ms: 250, ...extra });
export const follower = (id: string) => ({ role: 'follower', fanout: { id, index: 1 } });

export const uuid = (n: number) => `${String(n).padStart(8, '0')}-1111-2222-3333-444455556666`;
