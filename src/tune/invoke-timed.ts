// One invocation of $LATEST, timed from here and read back from its REPORT line (Invoke's LogType Tail).
import type { AwsClients } from '../aws/clients';
import { invoke } from '../aws/invoke';
import { parsePlatformLine, type Report } from '../contracts/lambda-log';
import { functionUrlEvent, httpResultOf } from '../deploy/http-event';
import type { TuneRequest } from './options';

export interface Sample {
  /** From sending Invoke to its answer, as the caller saw it. */
  wall_ms: number;
  /** REPORT's Duration: the function's own time, free of the network between here and Lambda. */
  duration_ms: number;
  billed_ms: number;
  /** REPORT's Init Duration: only on a cold start. */
  init_ms?: number;
  max_memory_mb?: number;
  /** The app's HTTP status; undefined for a keep-warm ping. */
  status?: number;
  /** The function failed (FunctionError) or REPORT said timeout/error. */
  error?: string;
}

/** $LATEST only: alias live and the published versions are never invoked, so the stage's traffic is untouched. */
export const TUNED_QUALIFIER = '$LATEST';

export function httpEvent(r: TuneRequest): unknown {
  return functionUrlEvent({ method: r.method, path: r.path, headers: { 'user-agent': 'zap-tune' } });
}

export async function invokeTimed(c: AwsClients, fn: string, event: unknown, http: boolean): Promise<Sample> {
  const started = performance.now();
  const out = await invoke(c, fn, TUNED_QUALIFIER, event, { tail: true });
  const wall = performance.now() - started;
  const report = lastReport(out.logTail ?? '');
  const sample: Sample = {
    wall_ms: round(wall),
    duration_ms: report?.durationMs ?? round(wall),
    billed_ms: report?.billedMs ?? Math.max(1, Math.ceil(report?.durationMs ?? wall)),
  };
  if (report?.initMs !== undefined) sample.init_ms = report.initMs;
  if (report?.maxMemoryMb !== undefined) sample.max_memory_mb = report.maxMemoryMb;
  if (http && !out.functionError) sample.status = httpResultOf(out.raw).status;
  if (out.functionError) sample.error = `${out.functionError}: ${out.raw.slice(0, 200)}`;
  else if (report?.status) sample.error = `Status: ${report.status}`;
  return sample;
}

/** The tail is the last 4 KB of the invocation's log, so its REPORT line is the last one. */
function lastReport(tail: string): Report | undefined {
  let found: Report | undefined;
  for (const line of tail.split('\n')) {
    const p = parsePlatformLine(line);
    if (p?.kind === 'report') found = p;
  }
  return found;
}

const round = (ms: number) => Math.round(ms * 100) / 100;
