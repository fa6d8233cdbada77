// Reads a log group the way `tail -f` reads a file: FilterLogEvents from a start time, every page
// of every poll, each event once. CloudWatch makes events searchable a few seconds after their
// timestamp and across streams out of order, so each poll looks back `overlapMs` before the newest
// event already seen and drops ids it has printed; ids older than that window are forgotten.
import { setTimeout as sleep } from 'node:timers/promises';

export interface LogEvent {
  eventId: string;
  timestamp: number;
  message: string;
  logStreamName?: string;
}

export interface EventPage {
  events: LogEvent[];
  nextToken?: string;
}

/** One FilterLogEvents page; undefined when the log group does not exist. */
export type FetchPage = (q: { startTime: number; nextToken?: string }) => Promise<EventPage | undefined>;

export interface PollOptions {
  fetchPage: FetchPage;
  startTime: number;
  /** Keep polling until the signal aborts; otherwise one pass. */
  follow: boolean;
  signal?: AbortSignal;
  intervalMs?: number;
  overlapMs?: number;
  /** Pages read per poll at most (each up to 10,000 events or 1 MB). */
  maxPages?: number;
  /** With follow, a failed read that passes this test (a throttle) is tried again at the next poll instead of ending the tail. */
  isTransient?: (err: unknown) => boolean;
}

export interface Batch {
  /** New events, oldest first. */
  events: LogEvent[];
  /** The log group does not exist (yet): the function has never run, or its logs were deleted. */
  missing: boolean;
  /** The page bound was reached before the last page. */
  truncated: boolean;
}

export const DEFAULT_INTERVAL_MS = 1000;
export const DEFAULT_OVERLAP_MS = 15_000;

/** Event ids already delivered, kept while they can still come back in a poll's look-back window. */
export class SeenEvents {
  private readonly ids = new Map<string, number>();

  /** True the first time an id is seen. */
  add(e: Pick<LogEvent, 'eventId' | 'timestamp'>): boolean {
    if (this.ids.has(e.eventId)) return false;
    this.ids.set(e.eventId, e.timestamp);
    return true;
  }

  forgetBefore(timestamp: number): void {
    for (const [id, ts] of this.ids) if (ts < timestamp) this.ids.delete(id);
  }

  get size(): number {
    return this.ids.size;
  }
}

const byTime = (a: LogEvent, b: LogEvent) => a.timestamp - b.timestamp || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);

/** Yields one batch per poll (empty batches included, so a caller can flush); ends when the signal aborts. */
export async function* pollLogEvents(o: PollOptions): AsyncGenerator<Batch> {
  const interval = o.intervalMs ?? DEFAULT_INTERVAL_MS;
  const overlap = o.overlapMs ?? DEFAULT_OVERLAP_MS;
  const maxPages = o.maxPages ?? 100;
  const seen = new SeenEvents();
  let newest = o.startTime;
  while (!o.signal?.aborted) {
    const from = Math.max(o.startTime, newest - overlap);
    const fresh: LogEvent[] = [];
    let missing = false;
    let truncated = false;
    let nextToken: string | undefined;
    try {
      for (let page = 0; ; page++) {
        if (page === maxPages) {
          truncated = true;
          break;
        }
        const out = await o.fetchPage({ startTime: from, nextToken });
        if (!out) {
          missing = true;
          break;
        }
        for (const e of out.events) if (e.timestamp >= from && seen.add(e)) fresh.push(e);
        nextToken = out.nextToken;
        if (!nextToken || o.signal?.aborted) break;
      }
    } catch (err) {
      // The next poll reads the same window again; ids already delivered are skipped.
      if (!o.follow || !o.isTransient?.(err)) throw err;
    }
    for (const e of fresh) newest = Math.max(newest, e.timestamp);
    seen.forgetBefore(Math.max(o.startTime, newest - overlap));
    yield { events: fresh.sort(byTime), missing, truncated };
    if (!o.follow) return;
    try {
      await sleep(interval, undefined, { signal: o.signal });
    } catch {
      return; // aborted while waiting
    }
  }
}
