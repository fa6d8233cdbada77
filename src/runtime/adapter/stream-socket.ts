import { Writable } from 'node:stream';

/** The Lambda response stream as this bridge uses it (the managed runtime's is a chunked http.ClientRequest). */
export interface LambdaStream {
  write(chunk: Buffer): boolean;
  end(cb?: () => void): void;
  once(event: 'drain' | 'close' | 'error', fn: (...args: unknown[]) => void): unknown;
  on(event: 'close' | 'error', fn: (...args: unknown[]) => void): unknown;
  destroy(err?: Error): unknown;
  writableFinished?: boolean;
}

/**
 * The socket a ServerResponse writes to. Node writes the status line and headers (`res._header`)
 * first, alone or joined to the first body bytes; this socket drops exactly those bytes and hands
 * the rest on as they come, calling `onHead` once just before the first body byte (or at the end).
 * Its own buffer gives the app back-pressure: a full Lambda stream holds the write callback.
 */
export class ResponseSocket extends Writable {
  private headBytes: number | undefined;
  private started = false;
  readonly remoteAddress: string;
  readonly encrypted = true;

  constructor(
    private readonly lambda: LambdaStream,
    private readonly headerLength: () => number,
    private readonly onHead: () => void,
    remoteAddress: string,
  ) {
    super({ decodeStrings: true });
    this.remoteAddress = remoteAddress;
  }

  /** ServerResponse.setTimeout and keep-alive code call these on a real socket. */
  setTimeout(): this { return this; }
  setNoDelay(): this { return this; }
  setKeepAlive(): this { return this; }
  address() { return { port: 443, family: 'IPv4', address: '127.0.0.1' }; }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.headBytes ??= this.headerLength();
    if (this.headBytes > 0) {
      const skip = Math.min(this.headBytes, chunk.length);
      this.headBytes -= skip;
      chunk = chunk.subarray(skip);
      if (this.headBytes > 0) return cb();
    }
    // The head is out (res.flushHeaders() sends it alone): the prelude leaves now, even with no body yet.
    this.begin();
    if (this.lambda.write(chunk)) cb();
    else this.lambda.once('drain', () => cb());
  }

  override _final(cb: (err?: Error | null) => void): void {
    if (!this.started) {
      this.begin();
      this.lambda.write(Buffer.alloc(0));
    }
    this.lambda.end(() => cb());
  }

  private begin(): void {
    if (this.started) return;
    this.started = true;
    this.onHead();
  }
}
