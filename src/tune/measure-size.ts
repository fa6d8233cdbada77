// One memory size: forced cold starts (each after a configuration change, so Lambda starts a new
// container), warm requests over the mix, and one keep-warm ping to price keep-warm at this size.
import type { AwsClients } from '../aws/clients';
import { updateMemory } from '../aws/lambda-memory';
import { keepWarmEvent } from '../contracts/keep-warm';
import { httpEvent, invokeTimed, type Sample } from './invoke-timed';
import type { TuneOptions } from './options';

export interface SizeSamples {
  memory_mb: number;
  cold: Sample[];
  warm: Sample[];
  /** A keep-warm event for one container, sent to a warm container: what a tick bills at this size. */
  keep_warm_ping?: Sample;
}

export interface MeasureContext {
  clients: AwsClients;
  function: string;
  opts: TuneOptions;
  /** Throws once Ctrl-C asked to stop; called between AWS calls. */
  check(): void;
  /** Progress within the size. */
  say(line: string): void;
}

/** What $LATEST's description says while tune runs, so a person looking at the console knows why. */
export function tuneDescription(memory: number, coldStart: number): string {
  return `zap tune: ${memory} MB, cold start ${coldStart} (restored when tune ends)`;
}

export async function measureSize(m: MeasureContext, memory: number): Promise<SizeSamples> {
  const { clients: c, function: fn, opts } = m;
  const out: SizeSamples = { memory_mb: memory, cold: [], warm: [] };
  const first = opts.requests[0]!;
  for (let i = 1; i <= opts.coldStarts; i++) {
    m.check();
    await updateMemory(c, fn, memory, tuneDescription(memory, i));
    m.check();
    const s = await invokeTimed(c, fn, httpEvent(first), true);
    out.cold.push(s);
    m.say(`cold start ${i}/${opts.coldStarts}: ${s.error ?? `init ${s.init_ms === undefined ? '?' : Math.round(s.init_ms)} ms, first answer ${Math.round(s.wall_ms)} ms`}`);
    // A size that cannot start (out of memory, past its timeout) has nothing warm to measure.
    if (s.error) return out;
  }
  for (let i = 0; i < opts.warmRequests; i++) {
    m.check();
    out.warm.push(await invokeTimed(c, fn, httpEvent(opts.requests[i % opts.requests.length]!), true));
  }
  m.check();
  out.keep_warm_ping = await invokeTimed(c, fn, keepWarmEvent(1), false);
  return out;
}
