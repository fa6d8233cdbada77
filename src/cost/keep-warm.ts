// The keep-warm bill of one stage, for `zap status` and `zap deploy --plan`, and its one-line wording.
import { estimatedWarmBilledMs, keepWarmBill, usd, type KeepWarmBill } from './bill';
import { pricesFor } from './prices';

export interface StageKeepWarm {
  /** zap.json keep_warm as a count (0 = off). */
  containers: number;
  /** The schedule's period; undefined for a cron expression without a fixed step. */
  periodMs: number | undefined;
  memoryMb: number;
  architecture: string;
  region: string;
  priceOverrides?: Partial<Record<string, number>>;
  /** Billed ms per warm invocation seen in the logs, when there were some. */
  seenBilledMs?: number;
}

export interface KeepWarmCost {
  /** Undefined when keep-warm is off or its schedule has no fixed period. */
  bill: KeepWarmBill | null;
  prices_source: string;
  why_none?: string;
}

export function keepWarmCost(s: StageKeepWarm): KeepWarmCost {
  const sheet = pricesFor(s.architecture, s.region, s.priceOverrides);
  const none = (why: string): KeepWarmCost => ({ bill: null, prices_source: sheet.source, why_none: why });
  if (s.containers < 1) return none('keep-warm is off');
  if (!s.periodMs) return none('the schedule has no fixed period, so zap cannot count its ticks');
  const seen = s.seenBilledMs !== undefined && s.seenBilledMs > 0;
  const bill = keepWarmBill({
    containers: s.containers, periodMs: s.periodMs, memoryMb: s.memoryMb, prices: sheet.prices,
    billedMs: seen ? s.seenBilledMs! : estimatedWarmBilledMs(s.containers), billedFrom: seen ? 'logs' : 'estimate',
  });
  return { bill, prices_source: sheet.source };
}

/** Two lines: the keep-warm bill beside provisioned concurrency for N, then which prices. */
export function describeKeepWarmCost(c: KeepWarmCost): [string, string] {
  const prices = `prices: ${c.prices_source}`;
  const b = c.bill;
  if (!b) return [`no keep-warm bill: ${c.why_none}`, prices];
  const from = b.billed_from === 'logs' ? 'seen in the logs' : b.billed_from === 'measured' ? 'measured' : 'estimated; no warm invocation in the logs yet';
  const n = `${b.containers} container${b.containers === 1 ? '' : 's'}`;
  return [
    `${usd(b.usd)}/month for ${n} (${Math.round(b.ticks_per_month).toLocaleString('en-US')} ticks × ${b.containers} × ${round(b.billed_ms_per_invocation)} ms billed (${from}) at ${b.memory_mb} MB); ` +
      `provisioned concurrency for ${b.containers}: ${usd(b.provisioned_usd)}/month`,
    prices,
  ];
}

const round = (ms: number) => (ms >= 10 ? Math.round(ms) : Math.round(ms * 10) / 10);
