import { buildArtifact } from '../deploy/artifact';
import { deploy, type DeployResult } from '../deploy/deploy';
import { colors, createReporter } from '../core/output';
import type { Session } from './session';

export interface RunDeployOptions {
  plan: boolean;
  /** `zap update`: the stage must already exist. */
  requireExisting: boolean;
  /** `zap update`: ask $LATEST about its compile cache even when nothing suggests it went stale. */
  refreshCompileCache: boolean;
}

/** Packages, deploys and prints the outcome: progress on stderr, the result on stdout. */
export async function runDeploy(session: Session, opts: RunDeployOptions): Promise<DeployResult> {
  const { settings, clients, globals } = session;
  const report = createReporter({ json: globals.json });
  const started = Date.now();
  try {
    const artifact = await buildArtifact(session.dir, settings);
    report.step('package', `${(artifact.zip.length / 1024).toFixed(0)} KiB, sha256 ${artifact.sha256.slice(0, 12)}`, 'same');
    const result = await deploy({ clients, settings, artifact, report, ...opts });
    print(result, globals.json ?? false, Date.now() - started);
    return result;
  } finally {
    clients.destroy();
  }
}

function print(r: DeployResult, json: boolean, ms: number): void {
  if (json) {
    process.stdout.write(JSON.stringify({ url: r.url, function: r.function, version: r.version, alias: r.alias, changed: r.changed, plan: r.plan, changes: r.changes }) + '\n');
    return;
  }
  const c = colors();
  const what = r.plan ? (r.changed ? `${r.changes.length} change(s) planned; nothing was changed` : 'nothing to change') : r.changed ? `deployed in ${(ms / 1000).toFixed(1)} s` : 'nothing changed';
  process.stdout.write(`${c.bold(what)}: ${r.function} version ${r.version ?? '(new)'} behind alias ${r.alias}\n`);
  if (r.url) process.stdout.write(`url: ${r.url}\n`);
}
