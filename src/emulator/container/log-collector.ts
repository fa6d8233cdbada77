// Turns a container's stdout/stderr into CloudWatch events, in order with the platform lines.
import type { Readable } from 'node:stream';
import type { LogSink } from './types';

/**
 * Written by the bootstrap on stdout and stderr just before it posts a result: once both marks are
 * read, every line the invocation printed has been collected, so END/REPORT come after them.
 */
export const FLUSH_MARK = '\u0000zap-flush ';

const MAX_EVENT = 256 * 1024 - 26;

type Waiter = { requestId: string; resolve: (rssBytes: number | undefined) => void };

export class LogCollector {
  private current: string[] | undefined;
  private marks = new Map<Readable, string>();
  private rss: number | undefined;
  private waiters: Waiter[] = [];
  private streams: Readable[] = [];

  constructor(private readonly group: string, private readonly stream: string, private readonly sink: LogSink) {}

  attach(readable: Readable): void {
    this.streams.push(readable);
    let partial = '';
    readable.setEncoding('utf8');
    readable.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) this.line(readable, line);
      // CloudWatch caps an event at 256 KB: a line that long is cut rather than held.
      if (partial.length > MAX_EVENT) {
        this.line(readable, partial);
        partial = '';
      }
    });
    readable.on('end', () => { if (partial) this.line(readable, partial); partial = ''; });
  }

  /** One platform or function message; the caller includes the trailing newline. */
  emit(message: string, timestamp = Date.now()): void {
    this.current?.push(message);
    try {
      this.sink(this.group, this.stream, [{ timestamp, message }]);
    } catch {
      // A failing sink must not take the container down with it.
    }
  }

  /** Starts gathering this invocation's messages for its log tail. */
  begin(): void { this.current = []; }

  /** Ends gathering and returns the invocation's log text. */
  finish(): string {
    const text = (this.current ?? []).join('');
    this.current = undefined;
    return text;
  }

  /** Resolves with the runtime's reported peak RSS when both streams carried the mark, or after `ms`. */
  flushed(requestId: string, ms: number): Promise<number | undefined> {
    if (this.allMarked(requestId)) return Promise.resolve(this.rss);
    return new Promise((resolve) => {
      const w: Waiter = { requestId, resolve };
      this.waiters.push(w);
      setTimeout(() => this.release(w), ms).unref();
    });
  }

  private line(from: Readable, line: string): void {
    const at = line.indexOf(FLUSH_MARK);
    if (at >= 0) {
      if (at > 0) this.line(from, line.slice(0, at));
      const [requestId, rss] = line.slice(at + FLUSH_MARK.length).split(' ');
      if (rss) this.rss = Number(rss);
      this.marks.set(from, requestId);
      for (const w of [...this.waiters]) if (this.allMarked(w.requestId)) this.release(w);
      return;
    }
    // The bootstrap writes a multi-line message as one line with \r, as Lambda's Node runtime did.
    this.emit(line.replaceAll('\r', '\n') + '\n');
  }

  private allMarked(requestId: string): boolean {
    return this.streams.every((s) => this.marks.get(s) === requestId);
  }

  private release(w: Waiter): void {
    const i = this.waiters.indexOf(w);
    if (i < 0) return;
    this.waiters.splice(i, 1);
    w.resolve(this.rss);
  }
}
