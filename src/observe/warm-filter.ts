// Hides zap's own invocations (keep-warm pings and deploy's compile-cache request) from `zap tail`,
// every line from START to REPORT: the app's boot output inside them included. An invocation is
// zap's when one of its lines is zap's (src/contracts/zap-log.ts); a keep-warm ping writes that line
// last, after priming the app, so each invocation's lines are held until it says what it is or ends.
// Lines without a request id (raw stdout writes, INIT_START) belong to the invocation running in their
// log stream: one stream is one container, which runs one invocation at a time.
import type { LogEvent } from './follow';
import { parseLine, type LogLine } from './log-line';

export interface Parsed extends LogEvent {
  line: LogLine;
  /** The line belongs to zap's own invocation (keep-warm or compile cache). */
  warm: boolean;
}

/** Lambda's longest timeout: no request's lines span more than this. */
const REQUEST_SPAN_MS = 15 * 60_000 + 60_000;
/**
 * With --follow, an invocation still undecided this long after its START is shown as the user's:
 * a ping's fan-out and priming end well within it, and a slow request's lines are not held for minutes.
 */
export const DECIDE_MS = 10_000;

interface Invocation {
  startTs: number;
  held: Parsed[];
  /** undefined while undecided. */
  warm?: boolean;
  lastTs: number;
}

export class WarmFilter {
  private readonly invocations = new Map<string, Invocation>();
  /** The request id running in each log stream (between its START and its REPORT). */
  private readonly running = new Map<string, string>();
  /** Lines in a stream before its first START (a new container's INIT lines): they join that invocation. */
  private readonly beforeStart = new Map<string, Parsed[]>();
  private latest = 0;

  /**
   * holdLines: false when a --filter may drop the request's other lines (its START, its zap line);
   * a line is then shown unless its request is already known to be zap's (noteWarm).
   */
  constructor(private readonly showWarm: boolean, private readonly holdLines = true) {}

  /** A request known to be zap's from elsewhere (a separate query for zap's lines when tail has a --filter). */
  noteWarm(requestId: string, timestamp: number): void {
    this.invocation(requestId, timestamp).warm = true;
  }

  /** The events to show now that `e` has arrived (not yet in time order: see TimeOrder). */
  push(e: LogEvent): Parsed[] {
    const line = parseLine(e.message);
    const stream = e.logStreamName ?? '';
    this.latest = Math.max(this.latest, e.timestamp);
    const out = this.expire();
    const parsed: Parsed = { ...e, line, warm: false };
    if (line.kind === 'start') this.running.set(stream, line.requestId);
    const id = line.requestId ?? this.running.get(stream);
    if (!id) {
      if (!this.holdLines) return [...out, parsed];
      this.beforeStart.set(stream, [...(this.beforeStart.get(stream) ?? []), parsed]);
      return out;
    }
    const inv = this.invocation(id, e.timestamp);
    inv.lastTs = e.timestamp;
    if (line.kind === 'start') inv.held.unshift(...this.takeBeforeStart(stream));
    if (line.kind === 'report' && this.running.get(stream) === id) this.running.delete(stream);
    if (line.kind === 'app' && (line.warm || line.zapInternal)) inv.warm = true;
    if (inv.warm === undefined && (!this.holdLines || line.kind === 'end' || line.kind === 'report')) inv.warm = false;
    inv.held.push(parsed);
    return inv.warm === undefined ? out : [...out, ...this.release(inv)];
  }

  /** With --follow: invocations undecided for DECIDE_MS by `now` are the user's; their lines so far are shown. */
  decide(now: number): Parsed[] {
    const out: Parsed[] = [];
    for (const inv of this.invocations.values()) {
      if (inv.warm === undefined && inv.startTs <= now - DECIDE_MS) {
        inv.warm = false;
        out.push(...this.release(inv));
      }
    }
    for (const [stream, lines] of this.beforeStart) if (lines[0]!.timestamp <= now - DECIDE_MS) out.push(...this.takeBeforeStart(stream));
    return out;
  }

  /** The START time of the oldest invocation still held undecided: nothing later may be printed before it. */
  oldestHeld(): number | undefined {
    let oldest: number | undefined;
    for (const inv of this.invocations.values()) if (inv.warm === undefined && inv.held.length) oldest = Math.min(oldest ?? Infinity, inv.held[0]!.timestamp);
    for (const lines of this.beforeStart.values()) oldest = Math.min(oldest ?? Infinity, lines[0]!.timestamp);
    return oldest;
  }

  /** Everything still held, as the user's, for the end of a one-shot tail (a request that has not ended yet). */
  flush(): Parsed[] {
    const out: Parsed[] = [];
    for (const stream of [...this.beforeStart.keys()]) out.push(...this.takeBeforeStart(stream));
    for (const inv of this.invocations.values()) {
      if (inv.warm !== undefined) continue;
      inv.warm = false;
      out.push(...this.release(inv));
    }
    return out;
  }

  private invocation(id: string, timestamp: number): Invocation {
    let inv = this.invocations.get(id);
    if (!inv) this.invocations.set(id, (inv = { startTs: timestamp, held: [], lastTs: timestamp }));
    return inv;
  }

  private takeBeforeStart(stream: string): Parsed[] {
    const lines = this.beforeStart.get(stream) ?? [];
    this.beforeStart.delete(stream);
    return lines;
  }

  /** A decided invocation's held lines: shown (marked) or dropped. */
  private release(inv: Invocation): Parsed[] {
    const lines = inv.held.map((p) => ({ ...p, warm: inv.warm! }));
    inv.held = [];
    return inv.warm && !this.showWarm ? [] : lines;
  }

  /** Bounded memory: a request whose last line is older than Lambda's longest timeout is over. */
  private expire(): Parsed[] {
    const cutoff = this.latest - REQUEST_SPAN_MS;
    const out: Parsed[] = [];
    for (const [id, inv] of this.invocations) {
      if (inv.lastTs >= cutoff) continue;
      if (inv.warm === undefined) inv.warm = false;
      out.push(...this.release(inv));
      this.invocations.delete(id);
    }
    return out;
  }
}
