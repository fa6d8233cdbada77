/**
 * `zap tune`: the deployed app measured at several memory sizes. It changes and invokes $LATEST
 * only (see docs/architecture.md "zap tune"): alias live, the published versions, the URL and the
 * keep-warm rule are never touched, and $LATEST's memory and description are put back however it ends.
 */
import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { AwsClients } from '../aws/clients';
import { getConfiguration } from '../aws/lambda';
import { updateMemory } from '../aws/lambda-memory';
import { getAlias } from '../aws/lambda-access';
import { UserError } from '../core/errors';
import { pricesFor } from '../cost/prices';
import { ALIAS, namesFor } from '../contracts/names';
import { sameDeployable } from '../deploy/desired';
import { schedulePeriodMs } from '../settings/schedule-expression';
import type { StageSettings } from '../settings/types';
import { measureSize, type SizeSamples } from './measure-size';
import type { TuneOptions } from './options';
import { recommend, tuneRow, type Recommendation, type TuneRow } from './table';

export interface TuneResult {
  stage: string;
  function: string;
  region: string;
  architecture: string;
  timeout_s: number;
  /** What the function had before tune, and has again after it. */
  restored: { memory_mb: number; description: string };
  requests: string[];
  cold_starts_per_size: number;
  warm_requests_per_size: number;
  keep_warm: { containers: number; schedule: string };
  prices: { source: string } & Record<string, unknown>;
  rows: TuneRow[];
  samples: SizeSamples[];
  recommendation: Recommendation;
  goal_p95_ms: number | null;
  notes: string[];
}

export interface TuneHooks {
  /** Throws once a signal asked to stop; tune calls it between AWS calls and restores $LATEST after. */
  check(): void;
  progress(line: string): void;
}

export async function tune(c: AwsClients, s: StageSettings, opts: TuneOptions, hooks: TuneHooks): Promise<TuneResult> {
  const fn = namesFor(s).function;
  const before = await getConfiguration(c, fn, '$LATEST');
  if (!before) throw new UserError(`${fn} is not deployed in ${c.region}: run \`zap deploy ${s.stage}\` first`);
  const notes = await latestNotes(c, fn, before, s.stage);
  const original = { memory_mb: before.MemorySize!, description: before.Description ?? '' };
  const samples: SizeSamples[] = [];
  try {
    for (const [i, memory] of opts.memory.entries()) {
      const label = `${memory} MB (${i + 1}/${opts.memory.length})`;
      hooks.progress(`${label}: ${opts.coldStarts} cold start${opts.coldStarts === 1 ? '' : 's'}, ${opts.warmRequests} warm requests`);
      samples.push(await measureSize({ clients: c, function: fn, opts, check: hooks.check, say: (l) => hooks.progress(`  ${l}`) }, memory));
    }
  } finally {
    // Runs on Ctrl-C (the check threw) and on any failure: the stage's own configuration comes back.
    await restore(c, fn, original, s.stage, hooks);
  }
  const sheet = pricesFor(before.Architectures?.[0] ?? s.architecture, c.region, s.prices);
  const ctx = { prices: sheet.prices, keepWarm: { containers: s.keep_warm, periodMs: schedulePeriodMs(s.keep_warm_expression) }, timeoutSeconds: before.Timeout ?? s.timeout_seconds, goalP95Ms: opts.goalP95Ms };
  const rows = samples.map((x) => tuneRow(x, ctx));
  return {
    stage: s.stage, function: fn, region: c.region, architecture: before.Architectures?.[0] ?? s.architecture, timeout_s: ctx.timeoutSeconds,
    restored: original,
    requests: opts.requests.map((r) => `${r.method} ${r.path}`),
    cold_starts_per_size: opts.coldStarts,
    warm_requests_per_size: opts.warmRequests,
    keep_warm: { containers: s.keep_warm, schedule: s.keep_warm_expression },
    prices: { source: sheet.source, ...sheet.prices },
    rows, samples,
    recommendation: recommend(rows, opts.goalP95Ms),
    goal_p95_ms: opts.goalP95Ms ?? null,
    notes,
  };
}

async function restore(c: AwsClients, fn: string, original: TuneResult['restored'], stage: string, hooks: TuneHooks): Promise<void> {
  try {
    const now = await getConfiguration(c, fn, '$LATEST');
    if (now && now.MemorySize === original.memory_mb && (now.Description ?? '') === original.description) return;
    await updateMemory(c, fn, original.memory_mb, original.description);
    hooks.progress(`restored ${fn} $LATEST: ${original.memory_mb} MB`);
  } catch (err) {
    throw new UserError(`could not put ${fn} $LATEST back to ${original.memory_mb} MB (${(err as Error).message}); \`zap deploy ${stage}\` restores it`);
  }
}

/** tune measures $LATEST; say so when it is not what alias live serves (a deploy stopped part-way). */
async function latestNotes(c: AwsClients, fn: string, latest: FunctionConfiguration, stage: string): Promise<string[]> {
  const alias = await getAlias(c, fn, ALIAS);
  const live = alias && (await getConfiguration(c, fn, alias.FunctionVersion!));
  if (!live) return [`alias live does not exist yet: tune measured $LATEST (run \`zap deploy ${stage}\` to finish the deploy)`];
  if (!sameDeployable(live, latest)) return [`$LATEST differs from version ${alias.FunctionVersion} behind live: tune measured $LATEST (run \`zap deploy ${stage}\` to serve it)`];
  return [];
}
