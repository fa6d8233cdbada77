import type { EmulatorData, LogGroupRecord, LogStreamRecord } from '../model';

/** Appends events the way Lambda's logging does: the group and stream appear on first write. */
export function appendEvents(
  data: EmulatorData, group: string, stream: string, events: { timestamp: number; message: string }[], now: number,
): void {
  const g = (data.logGroups[group] ??= newGroup(group, now));
  const s = (g.streams[stream] ??= newStream(stream, now));
  for (const e of events) {
    data.logSeq += 1;
    s.events.push({ timestamp: e.timestamp, message: e.message, ingestionTime: now, eventId: eventId(e.timestamp, data.logSeq) });
  }
}

export const newGroup = (name: string, now: number): LogGroupRecord => ({ name, createdAt: now, tags: {}, streams: {} });
export const newStream = (name: string, now: number): LogStreamRecord => ({ name, createdAt: now, events: [] });

/** Event ids are long digit strings on AWS; ours sort by time, then arrival, and never repeat. */
export const eventId = (timestamp: number, seq: number): string =>
  `${String(timestamp).padStart(16, '0')}${String(seq).padStart(20, '0')}`;

/** Drops events older than the group's retention, as CloudWatch does (eventually). */
export function applyRetention(g: LogGroupRecord, now: number): void {
  if (!g.retentionInDays) return;
  const cutoff = now - g.retentionInDays * 86400000;
  for (const s of Object.values(g.streams)) s.events = s.events.filter((e) => e.timestamp >= cutoff);
}
