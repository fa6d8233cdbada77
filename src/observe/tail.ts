// `zap tail`: the function's logs in time order, zap's own invocations (keep-warm, compile cache) hidden, cold starts marked.
import type { AwsClients } from '../aws/clients';
import { isTransient } from '../aws/errors';
import type { colors } from '../core/output';
import { namesFor } from '../contracts/names';
import { ZAP_LINES_PATTERN } from '../contracts/zap-log';
import type { StageSettings } from '../settings/types';
import { logFetcher } from './fetch';
import { pollLogEvents } from './follow';
import { parseLine } from './log-line';
import { formatJson, formatText } from './tail-format';
import { WarmFilter, type Parsed } from './warm-filter';
import { ORDER_HOLD_MS, TimeOrder } from './time-order';

export interface TailOptions {
  since: number;
  follow: boolean;
  /** A CloudWatch Logs filter pattern, applied by CloudWatch. */
  filter?: string;
  /** Show keep-warm invocations too. */
  warm: boolean;
  json: boolean;
  color: ReturnType<typeof colors>;
  signal?: AbortSignal;
  intervalMs?: number;
  /** With follow: how long a line waits for older ones (default ORDER_HOLD_MS). */
  orderHoldMs?: number;
  /** The clock for follow's hold windows (tests). */
  now?: () => number;
  out: (line: string) => void;
  /** Notices for people (stderr), never mixed into the log lines. */
  note: (line: string) => void;
}

/** Prints until the signal aborts (with follow) or the window has been read; resolves cleanly either way. */
export async function runTail(c: AwsClients, s: StageSettings, o: TailOptions): Promise<void> {
  const { logGroup, function: fn } = namesFor(s);
  const filter = new WarmFilter(o.warm, !o.filter);
  const order = new TimeOrder();
  const now = o.now ?? Date.now;
  const print = (ps: Parsed[]) => {
    for (const p of ps) {
      const line = o.json ? formatJson(p) : formatText(p, o.color);
      if (line !== undefined) o.out(line);
    }
  };
  // With a --filter, keep-warm lines may not match it: a second query learns which requests were warm.
  const warmPolls = o.filter && !o.warm
    ? pollLogEvents({ fetchPage: logFetcher(c, logGroup, ZAP_LINES_PATTERN), startTime: o.since - 15 * 60_000, follow: true, intervalMs: 0, signal: o.signal, isTransient })
    : undefined;
  const learnWarm = async () => {
    const batch = (await warmPolls?.next())?.value;
    for (const e of batch ? batch.events : []) {
      const line = parseLine(e.message);
      if (line.kind === 'app' && (line.warm || line.zapInternal) && line.requestId) filter.noteWarm(line.requestId, e.timestamp);
    }
  };
  const base = logFetcher(c, logGroup, o.filter);
  const fetchPage: typeof base = async (q) => {
    if (!q.nextToken) await learnWarm();
    return base(q);
  };
  let told = false;
  try {
    for await (const batch of pollLogEvents({ fetchPage, startTime: o.since, follow: o.follow, signal: o.signal, intervalMs: o.intervalMs, isTransient })) {
      if (batch.missing && !told) {
        told = true;
        o.note(`${fn} has not run yet: its log group ${logGroup} does not exist.${o.follow ? ' Waiting for its first invocation…' : ''}`);
      }
      if (batch.truncated) o.note('more lines than one read returns: showing the oldest; narrow --since or --filter');
      for (const e of batch.events) order.add(filter.push(e));
      if (!o.follow) continue;
      // Followed: a line leaves once it is ORDER_HOLD_MS old and no undecided invocation started before it.
      const t = now();
      order.add(filter.decide(t));
      print(order.drain(Math.min(t - (o.orderHoldMs ?? ORDER_HOLD_MS), (filter.oldestHeld() ?? Infinity) - 1)));
    }
  } finally {
    await warmPolls?.return(undefined);
  }
  order.add(filter.flush());
  print(order.flush());
}
