import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createClients } from '../aws/clients';
import { runDeploy } from './deploy-run';
import { UserError } from '../core/errors';
import type { GlobalOptions } from './session';
import { defaultStage, loadStage, SETTINGS_FILE } from '../settings';
import { packageRoot } from '../util/package-root';

export interface LocalOptions {
  port: number;
  stage?: string;
  timeScale: number;
  idleTtlSeconds: number;
  stateDir?: string;
  /** Lambda's resource model switches (--no-cpu-limit, --no-memory-limit, --no-freeze). */
  resources?: { cpuLimit: boolean; memoryLimit: boolean; freeze: boolean };
}

/** The project to run: the one in this folder when it has zap.json, else zap's sample app. */
export function localProjectDir(cwd: string): string {
  return existsSync(join(cwd, SETTINGS_FILE)) ? cwd : join(packageRoot(), 'sample-app');
}

/**
 * `zap local`: the embedded emulator on 127.0.0.1 plus the very deploy that runs against AWS,
 * pointed at it. Runs until SIGINT/SIGTERM, then stops every container.
 */
export async function runLocal(opts: LocalOptions, globals: GlobalOptions, until: Promise<void>): Promise<void> {
  const dir = localProjectDir(process.cwd());
  const stage = opts.stage ?? (await defaultStage(dir));
  const settings = await loadStage(dir, stage);
  const region = globals.region ?? settings.aws_region ?? 'us-east-1';
  const { startEmulator } = await import('../emulator');
  const emulator = await startEmulator({ port: opts.port, region, timeScale: opts.timeScale, idleTtlSeconds: opts.idleTtlSeconds, stateDir: opts.stateDir, resources: opts.resources }).catch((err) => {
    if ((err as { code?: string }).code === 'EADDRINUSE') throw new UserError(`port ${opts.port} on 127.0.0.1 is in use (another zap local or emulator?); stop it, or pass --port 0 to pick a free port`);
    throw err;
  });
  const log = (line: string) => !globals.json && process.stderr.write(`${line}\n`);
  try {
    log(`emulator: ${emulator.endpoint} (AWS_ENDPOINT_URL=${emulator.endpoint} points any AWS client here)`);
    log(emulator.resourceSummary);
    log(`project: ${dir}, stage ${stage}`);
    const clients = await createClients({ region, endpoint: emulator.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    await runDeploy({ dir, settings, clients: { ...clients, destroy: () => {} }, globals }, { plan: false, requireExisting: false, refreshCompileCache: false, lock: {} });
    log('serving; logs follow (keep-warm pings hidden); Ctrl-C stops the emulator and every container');
    const stop = new AbortController();
    void until.then(() => stop.abort());
    const { runTail } = await import('../observe/tail');
    const { colors } = await import('../core/output');
    await runTail(clients, settings, {
      since: Date.now() - 60_000, follow: true, warm: false, json: globals.json === true, color: colors(process.stdout), signal: stop.signal,
      out: (line) => process.stdout.write(`${line}\n`),
      note: () => {},
    });
    clients.destroy();
  } finally {
    await emulator.close();
  }
}
