// Hides keep-warm invocations (and deploy's compile-cache request) from `zap tail`. A warm invocation
// is known by its one `{"zap":"keep_warm",...}` line (src/runtime/keep-warm.ts); its START comes before that line,
// so a START is held until the request's next line says what it is. Its END and REPORT come after.
import type { LogEvent } from './follow';
import { parseLine, type LogLine } from './log-line';

export interface Parsed extends LogEvent {
  line: LogLine;
  /** The request is a keep-warm invocation. */
  warm: boolean;
}

/** Lambda's longest timeout: no request's lines span more than this. */
const REQUEST_SPAN_MS = 15 * 60_000 + 60_000;

export class WarmFilter {
  private readonly warmIds = new Map<string, number>();
  private readonly held = new Map<string, Parsed>();
  private latest = 0;

  /**
   * holdStarts: false when a --filter may drop the request's later lines; a START is then shown
   * unless its request is already known to be warm.
   */
  constructor(private readonly showWarm: boolean, private readonly holdStarts = true) {}

  /** A request known to be warm from elsewhere (a separate keep_warm query when tail has a --filter). */
  noteWarm(requestId: string, timestamp: number): void {
    this.warmIds.set(requestId, timestamp);
  }

  /** The events to show, in order, now that `e` has arrived. */
  push(e: LogEvent): Parsed[] {
    const line = parseLine(e.message);
    const id = line.requestId;
    this.latest = Math.max(this.latest, e.timestamp);
    const out = this.expire();
    if (line.kind === 'app' && line.warm && id) this.warmIds.set(id, e.timestamp);
    // Deploy's compile-cache request is zap's own, like a keep-warm ping: hidden unless --warm.
    if (line.kind === 'app' && line.zapInternal && id) this.warmIds.set(id, e.timestamp);
    const warm = id !== undefined && this.warmIds.has(id);
    const parsed: Parsed = { ...e, line, warm };
    const start = id ? this.held.get(id) : undefined;
    if (start) this.held.delete(id!);
    if (warm) return this.showWarm ? [...out, ...(start ? [{ ...start, warm: true }] : []), parsed] : out;
    if (line.kind === 'start' && this.holdStarts) {
      this.held.set(line.requestId, parsed);
      return out;
    }
    return [...out, ...(start ? [start] : []), parsed];
  }

  /** STARTs still held (a request that has printed nothing else yet), for the end of a one-shot tail. */
  flush(): Parsed[] {
    const out = [...this.held.values()];
    this.held.clear();
    return out;
  }

  /** Bounded memory: a request older than Lambda's longest timeout is over. */
  private expire(): Parsed[] {
    const cutoff = this.latest - REQUEST_SPAN_MS;
    for (const [id, ts] of this.warmIds) if (ts < cutoff) this.warmIds.delete(id);
    const out: Parsed[] = [];
    for (const [id, p] of this.held) {
      if (p.timestamp < cutoff) {
        this.held.delete(id);
        out.push(p);
      }
    }
    return out;
  }
}
