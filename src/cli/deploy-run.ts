import { buildArtifact } from '../deploy/artifact';
import { deploy, type DeployResult } from '../deploy/deploy';
import { dnsRecord } from '../deploy/steps/domain';
import { colors, createReporter } from '../core/output';
import { Progress, type StopFlag } from '../deploy/progress';
import { type LockFlags, withStageLock } from './locked';
import type { Session } from './session';
import { describeKeepWarmCost, keepWarmCost, type KeepWarmCost } from '../cost/keep-warm';
import { schedulePeriodMs } from '../settings/schedule-expression';

export interface RunDeployOptions {
  plan: boolean;
  /** `zap update`: the stage must already exist. */
  requireExisting: boolean;
  /** `zap update`: ask $LATEST about its compile cache even when nothing suggests it went stale. */
  refreshCompileCache: boolean;
  /** false: package again even when nothing changed (--no-package-cache). */
  packageCache?: boolean;
  lock: LockFlags;
}

/** Packages, deploys and prints the outcome: progress on stderr, the result on stdout. */
export async function runDeploy(session: Session, opts: RunDeployOptions): Promise<DeployResult> {
  const { settings, clients, globals } = session;
  const report = createReporter({ json: globals.json });
  const started = Date.now();
  const stop: StopFlag = {};
  const progress = new Progress(stop, `zap ${opts.requireExisting ? 'update' : 'deploy'} ${settings.stage}`);
  const unhook = onInterrupt(stop);
  try {
    const result = await withStageLock(session, { ...opts.lock, stopped: () => stop.signal }, async () => {
      const artifact = await progress.run('package', () => buildArtifact(session.dir, settings, { cache: opts.packageCache }));
      report.step('package', `${(artifact.zip.length / 1024).toFixed(0)} KiB, sha256 ${artifact.sha256.slice(0, 12)}, ${artifact.packageCache.detail}`, 'same');
      // What `zap package` would warn about (a file the app may need that could not ship, a package
      // that loads modules by name): a deploy that succeeds must still say it.
      for (const w of artifact.warnings) report.step('package', w, 'warn');
      return deploy({ clients, settings, artifact, report, progress, ...opts });
    });
    print(result, globals.json ?? false, Date.now() - started, opts.plan ? planCost(session) : undefined);
    return result;
  } finally {
    unhook();
    clients.destroy();
  }
}

/**
 * The first SIGINT/SIGTERM asks the deploy to stop after the AWS call in flight (src/deploy/progress.ts);
 * a second one quits at once, leaving the lock to expire.
 */
function onInterrupt(stop: StopFlag): () => void {
  const handler = (signal: NodeJS.Signals) => {
    if (stop.signal) process.exit(130);
    stop.signal = signal;
    process.stderr.write(`\nzap: ${signal}: stopping after the AWS call in flight (press Ctrl-C again to quit at once)\n`);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

/** --plan: what keep-warm will cost at the stage's settings (no logs read: the billed ms are estimated). */
function planCost({ settings: s, clients }: Session): KeepWarmCost {
  return keepWarmCost({
    containers: s.keep_warm, periodMs: schedulePeriodMs(s.keep_warm_expression), memoryMb: s.memory_size,
    architecture: s.architecture, region: clients.region, priceOverrides: s.prices,
  });
}

function print(r: DeployResult, json: boolean, ms: number, cost?: KeepWarmCost): void {
  if (json) {
    process.stdout.write(JSON.stringify({ url: r.url, function: r.function, version: r.version, alias: r.alias, changed: r.changed, plan: r.plan, changes: r.changes, domain: r.domain && { name: r.domain.name, target: r.domain.target, hosted_zone_id: r.domain.hostedZoneId }, ...(cost ? { keep_warm_cost: cost } : {}) }) + '\n');
    return;
  }
  const c = colors();
  const what = r.plan ? (r.changed ? `${r.changes.length} change(s) planned; nothing was changed` : 'nothing to change') : r.changed ? `deployed in ${(ms / 1000).toFixed(1)} s` : 'nothing changed';
  process.stdout.write(`${c.bold(what)}: ${r.function} version ${r.version ?? '(new)'} behind alias ${r.alias}\n`);
  if (r.url) process.stdout.write(`url: ${r.url}\n`);
  if (r.domain) process.stdout.write(`domain: https://${r.domain.name}/\ndns: ${dnsRecord(r.domain)}\n`);
  if (cost) for (const [i, line] of describeKeepWarmCost(cost).entries()) process.stdout.write(`${i ? '  ' : 'keep-warm cost: '}${line}\n`);
}
