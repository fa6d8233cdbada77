import { AwsError } from './errors';

/**
 * A pending injected fault: the next `count` calls of `operation` fail with this AWS error, or,
 * given `delayMs` and no `error`, answer normally after that long (a slow call, to time a test by).
 */
export interface Fault {
  operation: string;
  error?: string;
  status: number;
  message: string;
  count: number;
  delayMs?: number;
}

export class Faults {
  private pending: Fault[] = [];

  /** Validates and queues a fault from POST /_zap/faults. */
  add(input: unknown): Fault {
    const i = (input ?? {}) as Record<string, unknown>;
    if (typeof i.operation !== 'string' || !/^[A-Za-z0-9]+$/.test(i.operation)) throw new Error('"operation" must be an AWS operation name, e.g. "CreateFunction"');
    const delayMs = i.delayMs === undefined ? undefined : Number(i.delayMs);
    if (delayMs !== undefined && (!Number.isInteger(delayMs) || delayMs < 1 || delayMs > 600_000)) throw new Error('"delayMs" must be a whole number of milliseconds 1..600000');
    if (delayMs !== undefined && i.error === undefined) {
      const count = i.count === undefined ? 1 : Number(i.count);
      if (!Number.isInteger(count) || count < 1 || count > 10000) throw new Error('"count" must be a whole number 1..10000');
      const slow: Fault = { operation: i.operation, status: 200, count, delayMs, message: `Injected delay of ${delayMs} ms` };
      this.pending.push(slow);
      return slow;
    }
    if (typeof i.error !== 'string' || !/^[A-Za-z0-9.]+$/.test(i.error)) throw new Error('"error" must be an AWS error code, e.g. "ServiceException" (or give "delayMs" alone for a slow call)');
    const status = i.status === undefined ? 500 : Number(i.status);
    if (!Number.isInteger(status) || status < 400 || status > 599) throw new Error('"status" must be an HTTP error status (400..599)');
    const count = i.count === undefined ? 1 : Number(i.count);
    if (!Number.isInteger(count) || count < 1 || count > 10000) throw new Error('"count" must be a whole number 1..10000');
    const fault: Fault = {
      operation: i.operation, error: i.error, status, count,
      message: typeof i.message === 'string' ? i.message : `Injected fault: ${i.error}`,
    };
    this.pending.push(fault);
    return fault;
  }

  /** The error for this call of `operation`, if a fault is pending for it. */
  take(operation: string): AwsError | undefined {
    const f = this.pending.find((x) => x.operation === operation && x.error !== undefined);
    if (!f) return undefined;
    this.use(f);
    return new AwsError(f.error!, f.message, f.status);
  }

  /** How long to hold this call of `operation` before answering it, if a slow call is pending for it. */
  delayFor(operation: string): number {
    const f = this.pending.find((x) => x.operation === operation && x.error === undefined);
    if (!f) return 0;
    this.use(f);
    return f.delayMs ?? 0;
  }

  private use(f: Fault): void {
    f.count -= 1;
    if (f.count <= 0) this.pending = this.pending.filter((x) => x !== f);
  }

  list(): Fault[] {
    return this.pending.map((f) => ({ ...f }));
  }

  clear(): void {
    this.pending = [];
  }
}
