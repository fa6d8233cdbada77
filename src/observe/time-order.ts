// `zap tail` prints lines in time order. CloudWatch returns each read sorted, but lines from other
// log streams (containers) can become readable seconds later, and WarmFilter holds an invocation's
// lines until it knows whose it is; so lines wait here and leave sorted once nothing older can come.
import type { Parsed } from './warm-filter';

/** With --follow, how long a line waits for older lines that CloudWatch has not returned yet. */
export const ORDER_HOLD_MS = 2_000;

const byTime = (a: Parsed, b: Parsed) => a.timestamp - b.timestamp || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);

export class TimeOrder {
  private waiting: Parsed[] = [];

  add(lines: Parsed[]): void {
    this.waiting.push(...lines);
  }

  /** The lines at or before `watermark`, oldest first; the rest keep waiting. */
  drain(watermark: number): Parsed[] {
    const ready = this.waiting.filter((p) => p.timestamp <= watermark).sort(byTime);
    this.waiting = this.waiting.filter((p) => p.timestamp > watermark);
    return ready;
  }

  /** Everything, oldest first (the end of the read). */
  flush(): Parsed[] {
    return this.drain(Infinity);
  }
}
