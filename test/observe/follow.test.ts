import { pollLogEvents, SeenEvents, type EventPage, type LogEvent } from '../../src/observe/follow';
import { event } from './fixtures';

/** A fake log group: FilterLogEvents over `events` (as they stand at call time), `pageSize` per page. */
function fakeGroup(events: LogEvent[], pageSize = 2) {
  const calls: { startTime: number; nextToken?: string }[] = [];
  const fetchPage = async (q: { startTime: number; nextToken?: string }): Promise<EventPage> => {
    calls.push(q);
    const all = events.filter((e) => e.timestamp >= q.startTime).sort((a, b) => a.timestamp - b.timestamp);
    const from = q.nextToken ? Number(q.nextToken) : 0;
    const next = from + pageSize < all.length ? String(from + pageSize) : undefined;
    return { events: all.slice(from, from + pageSize), nextToken: next };
  };
  return { fetchPage, calls };
}

const texts = (es: LogEvent[]) => es.map((e) => e.message);

describe('pollLogEvents', () => {
  it('one pass reads every page once, oldest first', async () => {
    const g = fakeGroup([event(1000, 'a'), event(1001, 'b'), event(1002, 'c'), event(1003, 'd'), event(1004, 'e')]);
    const batches = [];
    for await (const b of pollLogEvents({ fetchPage: g.fetchPage, startTime: 1000, follow: false })) batches.push(b);
    expect(batches).toHaveLength(1);
    expect(texts(batches[0]!.events)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(g.calls.map((c) => c.nextToken)).toEqual([undefined, '2', '4']);
  });

  it('follow never repeats a line across polls and picks up late lines inside the overlap', async () => {
    const events = [event(10_000, 'a'), event(10_001, 'b')];
    const g = fakeGroup(events);
    const stop = new AbortController();
    const seen: string[] = [];
    let poll = 0;
    for await (const b of pollLogEvents({ fetchPage: g.fetchPage, startTime: 0, follow: true, intervalMs: 1, overlapMs: 5000, signal: stop.signal })) {
      seen.push(...texts(b.events));
      poll += 1;
      if (poll === 1) events.push(event(10_002, 'c'), event(10_003, 'd'), event(10_004, 'e'));
      // Ingested late, with a timestamp older than lines already printed (another stream).
      if (poll === 2) events.push(event(9_000, 'late'));
      if (poll === 4) stop.abort();
    }
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'e', 'late']);
    // Each later poll starts overlapMs before the newest line printed.
    expect(g.calls.filter((c) => !c.nextToken).map((c) => c.startTime)).toEqual([0, 5001, 5004, 5004]);
  });

  it('forgets ids older than the look-back window (bounded memory)', () => {
    const seen = new SeenEvents();
    expect(seen.add({ eventId: 'x', timestamp: 1 })).toBe(true);
    expect(seen.add({ eventId: 'x', timestamp: 1 })).toBe(false);
    seen.add({ eventId: 'y', timestamp: 5 });
    seen.forgetBefore(3);
    expect(seen.size).toBe(1);
  });

  it('says when the log group is missing, and keeps polling with follow', async () => {
    let exists = false;
    const fetchPage = async (): Promise<EventPage | undefined> => (exists ? { events: [event(5, 'first')] } : undefined);
    const stop = new AbortController();
    const batches = [];
    for await (const b of pollLogEvents({ fetchPage, startTime: 0, follow: true, intervalMs: 1, signal: stop.signal })) {
      batches.push(b);
      exists = true;
      if (batches.length === 2) stop.abort();
    }
    expect(batches.map((b) => [b.missing, texts(b.events)])).toEqual([[true, []], [false, ['first']]]);
  });

  it('stops at the page bound and says so; an empty page with a token is read on', async () => {
    let n = 0;
    const fetchPage = async (): Promise<EventPage> => ({ events: n++ % 2 ? [event(n, `e${n}`)] : [], nextToken: 'more' });
    const batches = [];
    for await (const b of pollLogEvents({ fetchPage, startTime: 0, follow: false, maxPages: 4 })) batches.push(b);
    expect(batches[0]).toMatchObject({ truncated: true });
    expect(texts(batches[0]!.events)).toEqual(['e2', 'e4']);
  });

  it('an abort during the wait ends the loop at once', async () => {
    const stop = new AbortController();
    const fetchPage = async (): Promise<EventPage> => ({ events: [] });
    const started = Date.now();
    setTimeout(() => stop.abort(), 20);
    let polls = 0;
    for await (const _ of pollLogEvents({ fetchPage, startTime: 0, follow: true, intervalMs: 60_000, signal: stop.signal })) polls += 1;
    expect(polls).toBe(1);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('pollLogEvents, when a read fails', () => {
  const throttle = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
  const isTransient = (e: unknown) => (e as Error).name === 'ThrottlingException';

  it('with follow, a throttle costs one poll, not the tail, and nothing is lost or repeated', async () => {
    const events = [event(100, 'a'), event(101, 'b'), event(102, 'c')];
    let call = 0;
    const fetchPage = async (q: { nextToken?: string }): Promise<EventPage> => {
      call += 1;
      if (call === 2) throw throttle; // the second page of the first poll
      const from = Number(q.nextToken ?? 0);
      return { events: events.slice(from, from + 2), nextToken: from + 2 < events.length ? String(from + 2) : undefined };
    };
    const stop = new AbortController();
    const got: string[] = [];
    let polls = 0;
    for await (const b of pollLogEvents({ fetchPage, startTime: 0, follow: true, intervalMs: 1, signal: stop.signal, isTransient })) {
      got.push(...texts(b.events));
      if (++polls === 3) stop.abort();
    }
    expect(got).toEqual(['a', 'b', 'c']);
  });

  it('without follow, or for any other error, the error ends it', async () => {
    const fetchPage = async (): Promise<EventPage> => {
      throw throttle;
    };
    await expect(pollLogEvents({ fetchPage, startTime: 0, follow: false, isTransient }).next()).rejects.toThrow('Rate exceeded');
    const other = async (): Promise<EventPage> => {
      throw new Error('AccessDenied');
    };
    await expect(pollLogEvents({ fetchPage: other, startTime: 0, follow: true, isTransient }).next()).rejects.toThrow('AccessDenied');
  });
});
