/**
 * Lambda's bill as arithmetic, no AWS calls: what one invocation costs, what keep-warm costs a
 * month, and what provisioned concurrency for the same containers would. `zap status`,
 * `zap deploy --plan` and `zap tune` all price through here.
 */
import { startHoldMs } from '../contracts/keep-warm';
import type { Prices } from './prices';

/** The month AWS's pricing calculator uses: 730 hours. */
export const SECONDS_PER_MONTH = 730 * 3600;

/**
 * Billed ms of one warm invocation when no logs say: a follower holds the runtime's first hold
 * (500 ms + 5 ms per container, adapted from the second tick on) and the leader waits for them; a
 * lone ping only primes.
 */
export function estimatedWarmBilledMs(containers: number): number {
  return containers > 1 ? startHoldMs(containers) : 5;
}

const gb = (memoryMb: number) => memoryMb / 1024;

/** Duration plus request charge of one invocation. */
export function invocationUsd(billedMs: number, memoryMb: number, p: Prices): number {
  return (billedMs / 1000) * gb(memoryMb) * p.gb_second + p.request_per_million / 1e6;
}

export function perMillionUsd(billedMs: number, memoryMb: number, p: Prices): number {
  return invocationUsd(billedMs, memoryMb, p) * 1e6;
}

export interface KeepWarmBill {
  containers: number;
  memory_mb: number;
  ticks_per_month: number;
  invocations_per_month: number;
  billed_ms_per_invocation: number;
  /** Where billed_ms_per_invocation came from: the REPORT lines of warm invocations, or the estimate above. */
  billed_from: 'logs' | 'measured' | 'estimate';
  gb_seconds_per_month: number;
  duration_usd: number;
  requests_usd: number;
  /** Per month. */
  usd: number;
  /** Provisioned concurrency for the same number of containers, kept ready all month (its invocations billed apart). */
  provisioned_usd: number;
}

export interface KeepWarmInput {
  containers: number;
  /** The schedule's period. */
  periodMs: number;
  memoryMb: number;
  billedMs: number;
  billedFrom: KeepWarmBill['billed_from'];
  prices: Prices;
}

export function keepWarmBill(i: KeepWarmInput): KeepWarmBill {
  const ticks = (SECONDS_PER_MONTH * 1000) / i.periodMs;
  const invocations = ticks * i.containers;
  const gbSeconds = invocations * (i.billedMs / 1000) * gb(i.memoryMb);
  const duration = gbSeconds * i.prices.gb_second;
  const requests = (invocations * i.prices.request_per_million) / 1e6;
  return {
    containers: i.containers,
    memory_mb: i.memoryMb,
    ticks_per_month: ticks,
    invocations_per_month: invocations,
    billed_ms_per_invocation: i.billedMs,
    billed_from: i.billedFrom,
    gb_seconds_per_month: gbSeconds,
    duration_usd: duration,
    requests_usd: requests,
    usd: duration + requests,
    provisioned_usd: provisionedUsd(i.containers, i.memoryMb, i.prices),
  };
}

/** N environments of memoryMb kept ready for a month. */
export function provisionedUsd(containers: number, memoryMb: number, p: Prices): number {
  return containers * gb(memoryMb) * SECONDS_PER_MONTH * p.provisioned_gb_second;
}

/** "$0.0304", "$8.76", "$1,234": enough digits to tell small sums apart. */
export function usd(n: number): string {
  if (n >= 1000) return `$${Math.round(n).toLocaleString('en-US')}`;
  if (n >= 1) return `$${n.toFixed(2)}`;
  if (n === 0) return '$0';
  return `$${n.toPrecision(3).replace(/0+$/, '').replace(/\.$/, '')}`;
}
