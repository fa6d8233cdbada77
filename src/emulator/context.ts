import { randomUUID } from 'node:crypto';

/** Delays that mimic AWS's eventual consistency, in milliseconds. */
export interface Delays {
  /** A new IAM role is refused by CreateFunction this long after its creation. */
  roleAssumableMs: number;
  /** A new function or published version stays Pending this long. */
  functionPendingMs: number;
  /** An update leaves LastUpdateStatus InProgress this long. */
  updateInProgressMs: number;
}

export const DEFAULT_DELAYS: Delays = { roleAssumableMs: 1000, functionPendingMs: 500, updateInProgressMs: 500 };

/** What every service module needs to know about the emulated account. */
export interface Ctx {
  region: string;
  accountId: string;
  delays: Delays;
  now(): number;
  /** The emulator's own base URL (http://127.0.0.1:port). */
  endpoint: string;
}

export const newRequestId = (): string => randomUUID();

/** Lambda's LastModified format: 2026-11-23T06:00:00.000+0000. */
export const lambdaTime = (ms: number): string => new Date(ms).toISOString().replace('Z', '+0000');

/**
 * Opaque page tokens: the offset into a stable ordering, as base64. A token this emulator did not
 * hand out is refused with the service's own error (`invalid`), as AWS refuses one.
 */
export function page<T>(items: T[], token: string | undefined, max: number, invalid: (token: string) => Error): { items: T[]; next?: string } {
  const offset = token === undefined || token === '' ? '0' : Buffer.from(token, 'base64').toString('utf8');
  if (!/^\d+$/.test(offset) || (token && Buffer.from(offset).toString('base64') !== token)) throw invalid(token!);
  const start = Number(offset);
  const slice = items.slice(start, start + max);
  const end = start + slice.length;
  return { items: slice, next: end < items.length ? Buffer.from(String(end)).toString('base64') : undefined };
}
