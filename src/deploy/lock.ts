import { randomUUID } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import type { AwsClients } from '../aws/clients';
import { createLogGroupIfAbsent, deleteLogGroup, logGroupTags, tagLogGroup } from '../aws/logs';
import { UserError } from '../core/errors';
import type { Names } from '../contracts/names';

/**
 * One deploy, update, rollback or undeploy per stage at a time, across machines, with no state
 * outside AWS: the lock is a log group `/zap/lock/<function>` that exists while it is held.
 * CreateLogGroup fails with ResourceAlreadyExistsException when the group exists, so creating it is
 * an atomic "take if free" — no read-then-write window between two callers. The holder rides in
 * the group's tags, written by that same call. It needs no other resource, so a first deploy (no
 * function, role or log group yet) is locked the same way. Release deletes the group.
 */

/** Refused (`--no-wait`) or still held when the wait ran out. */
export const LOCK_EXIT_CODE = 3;

export const LOCK_TTL_SECONDS = 15 * 60;
const POLL_MS = 1000;
const TAKEOVER_SETTLE_MS = 1000;

export interface LockInfo {
  id: string;
  holder: string;
  started: string;
  expires: string;
}

export interface LockOptions {
  /** How long to wait for another holder, in seconds; 0 with noWait refuses at once. */
  waitSeconds: number;
  noWait: boolean;
  forceUnlock: boolean;
  /** One line for the user (stderr). */
  say: (line: string) => void;
  ttlSeconds?: number;
  /** The signal that asked the command to stop, if one did: waiting ends then, with nothing changed. */
  stopped?: () => string | undefined;
}

export interface HeldLock {
  info: LockInfo;
  release(): Promise<void>;
}

/** Tag values allow letters, digits, spaces and `_.:/=+-@` only. */
const tagSafe = (s: string) => s.replace(/[^\p{L}\p{N}_.:/=+\-@ ]/gu, '-').slice(0, 256);

function whoAmI(): string {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (some containers): the host and pid still name the holder.
  }
  return tagSafe(`${hostname()}/${user}/${process.pid}`);
}

const toTags = (l: LockInfo) => ({ 'zap:lock-id': l.id, 'zap:lock-holder': l.holder, 'zap:lock-started': l.started, 'zap:lock-expires': l.expires });

function fromTags(t: Record<string, string> | undefined): LockInfo | undefined {
  if (!t) return undefined;
  return { id: t['zap:lock-id'] ?? '', holder: t['zap:lock-holder'] ?? 'unknown', started: t['zap:lock-started'] ?? '', expires: t['zap:lock-expires'] ?? '' };
}

/** A lock whose expiry passed, or that carries no readable expiry, was left by a deployer that died. */
const isStale = (l: LockInfo, now: number) => !(Date.parse(l.expires) > now);

export const describeHolder = (l: LockInfo) => `${l.holder} (host/user/pid), started ${l.started}, expires ${l.expires}`;

export async function readLock(c: AwsClients, n: Names): Promise<LockInfo | undefined> {
  return fromTags(await logGroupTags(c, n.lockGroup));
}

/** Removes whatever lock the stage has; answers what it removed. */
export async function forceUnlock(c: AwsClients, n: Names): Promise<LockInfo | undefined> {
  const held = await readLock(c, n);
  await deleteLogGroup(c, n.lockGroup);
  return held;
}

export async function acquireLock(c: AwsClients, n: Names, opts: LockOptions): Promise<HeldLock> {
  const ttl = opts.ttlSeconds ?? LOCK_TTL_SECONDS;
  if (opts.forceUnlock) {
    const removed = await forceUnlock(c, n);
    if (removed) opts.say(`removed the lock of ${describeHolder(removed)} (--force-unlock)`);
  }
  const deadline = Date.now() + opts.waitSeconds * 1000;
  let announced = false;
  // Set once we saw a lock vanish or removed an expired one: a create after that is read back.
  let unsettled = false;
  // Bounded: one try per second of the wait, plus a few for takeovers and releases seen mid-try.
  for (let tries = 0; tries < opts.waitSeconds + 20; tries++) {
    const now = Date.now();
    const mine: LockInfo = { id: randomUUID(), holder: whoAmI(), started: new Date(now).toISOString(), expires: new Date(now + ttl * 1000).toISOString() };
    if (await createLogGroupIfAbsent(c, n.lockGroup, toTags(mine))) {
      if (!unsettled || (await stillOurs(c, n, mine))) return held(c, n, mine, ttl);
      continue; // another caller removed the same expired lock after us and holds it now
    }
    const other = await readLock(c, n);
    // Released between the two calls, or removed by a takeover: try again at once, and verify.
    if (!other) {
      unsettled = true;
      continue;
    }
    if (isStale(other, Date.now())) {
      opts.say(`taking over the expired lock of ${describeHolder(other)}`);
      await deleteLogGroup(c, n.lockGroup);
      unsettled = true;
      continue;
    }
    if (opts.noWait) throw new UserError(`stage '${n.stage}' is locked by another deploy: ${describeHolder(other)}; wait for it, or if it was killed run again with --force-unlock`, LOCK_EXIT_CODE);
    const left = deadline - Date.now();
    if (left <= 0) break;
    const signal = opts.stopped?.();
    if (signal) throw new UserError(`stopped by ${signal} while waiting for the lock of ${describeHolder(other)}; nothing was changed`, 130);
    if (!announced) opts.say(`waiting up to ${opts.waitSeconds} s for the deploy of ${describeHolder(other)}`);
    announced = true;
    await new Promise((r) => setTimeout(r, Math.min(POLL_MS, left)));
  }
  const still = await readLock(c, n);
  throw new UserError(`stage '${n.stage}' is still locked after ${opts.waitSeconds} s${still ? ` by ${describeHolder(still)}` : ''}; run again later, raise --lock-wait, or if that deploy was killed use --force-unlock`, LOCK_EXIT_CODE);
}

/**
 * Deleting an expired lock is not atomic: two callers that both saw it expired may both delete it,
 * the second deleting what a third just created. So a create made after a lock vanished or was
 * taken over settles and reads back; the caller whose lock is gone goes back to waiting.
 */
async function stillOurs(c: AwsClients, n: Names, mine: LockInfo): Promise<boolean> {
  await new Promise((r) => setTimeout(r, TAKEOVER_SETTLE_MS));
  return (await readLock(c, n))?.id === mine.id;
}

/** The lock is ours: a heartbeat pushes its expiry on while we run, so only a dead holder's lock goes stale. */
function held(c: AwsClients, n: Names, info: LockInfo, ttl: number): HeldLock {
  const beat = setInterval(() => {
    const expires = new Date(Date.now() + ttl * 1000).toISOString();
    tagLogGroup(c, n.lockGroup, { 'zap:lock-expires': expires }).catch(() => undefined);
  }, (ttl * 1000) / 3);
  beat.unref();
  return {
    info,
    async release() {
      clearInterval(beat);
      // Only our own: after a --force-unlock another deployer may hold it now.
      const now = await readLock(c, n);
      if (now?.id === info.id) await deleteLogGroup(c, n.lockGroup);
    },
  };
}
