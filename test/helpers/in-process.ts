// Deploys in this process, the way `zap deploy` does after parsing its flags: the same packaging
// (buildArtifact), the same deploy(), clients from the same factory pointed at an emulator, and
// errors explained by the same wrapper the CLI prints them through. No CLI process, no second bundle.
import { createClients, type AwsClients } from '../../src/aws/clients';
import { withAwsErrors } from '../../src/cli/session';
import { createReporter } from '../../src/core/output';
import { buildArtifact } from '../../src/deploy/artifact';
import { deploy, type DeployResult } from '../../src/deploy/deploy';
import type { Artifact } from '../../src/deploy/steps/function';
import { loadStage, type StageSettings } from '../../src/settings';

export interface DeployRun {
  result?: DeployResult;
  /** What failed, as the CLI would print it after `zap: ` (AWS errors explained the same way). */
  error?: Error & { exitCode?: number };
  /** Progress lines, as `zap deploy` prints them on stderr. */
  stderr: string;
  /** Every AWS call made, named as `--verbose` names them: "Lambda GetFunction". */
  calls: string[];
}

export interface InProcessOptions {
  /** --plan */
  plan?: boolean;
  /** `zap update` instead of `zap deploy`. */
  update?: boolean;
  /** Deploy this artifact instead of packaging the project again. */
  artifact?: Artifact;
  /** Deploy with these settings instead of the stage's from zap.json. */
  settings?: StageSettings;
}

/** AWS write calls by their operation name, as the CLI tests spot them in --verbose output. */
export const WRITE_OPERATION = /^\w+ (Create|Update|Put|Publish|Add|Delete|Remove|Tag|Untag|Attach|Detach)\w*$/;

/** Clients pointed at the emulator that record each call's service and operation. */
function recordingClients(endpoint: string, calls: string[]): Promise<AwsClients> {
  return createClients({ region: 'eu-west-1', endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, onCall: (call) => calls.push(call) });
}

/** `zap deploy dev` (or update, or --plan) for the project in `dir`, against the emulator at `endpoint`. */
export async function deployInProcess(dir: string, endpoint: string, opts: InProcessOptions = {}): Promise<DeployRun> {
  const calls: string[] = [];
  let stderr = '';
  const stream = { isTTY: false, write: (s: string) => ((stderr += s), true) } as unknown as NodeJS.WriteStream;
  const report = createReporter({ stream });
  const settings = opts.settings ?? (await loadStage(dir, 'dev'));
  const clients = await recordingClients(endpoint, calls);
  try {
    const result = await withAwsErrors(async () => {
      const artifact = opts.artifact ?? (await buildArtifact(dir, settings));
      return deploy({ clients, settings, artifact, report, plan: opts.plan, requireExisting: opts.update, refreshCompileCache: opts.update });
    });
    return { result, stderr, calls };
  } catch (err) {
    return { error: err as Error, stderr, calls };
  } finally {
    clients.destroy();
  }
}

/** Fails the test with what deploy printed when it did not succeed. */
export function succeeded(run: DeployRun): DeployResult {
  if (!run.result) throw new Error(`deploy failed: ${run.error?.stack ?? run.error}\n${run.stderr}`);
  return run.result;
}
