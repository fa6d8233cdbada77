import { execFileSync } from 'node:child_process';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { STSClient } from '@aws-sdk/client-sts';
import { ZipFile } from 'yazl';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../../src/emulator';
import type {
  ContainerInfo, ContainerPoolApi, ContainerPoolOptions, FunctionVersionSpec, InvokeOptions, InvokeResult,
} from '../../../src/emulator/container/types';

/** A pool stand-in: echoes the event, fails on {"fail":true}, and logs like a container would. */
export class StubPool implements ContainerPoolApi {
  calls: { spec: FunctionVersionSpec; payload: unknown; opts: InvokeOptions }[] = [];
  retired: string[] = [];
  busy = 0;
  /** Every invocation fails while set. */
  failAll = false;
  respond?: (event: any, spec: FunctionVersionSpec) => unknown;

  constructor(readonly opts: ContainerPoolOptions) {}

  async invoke(spec: FunctionVersionSpec, payload: Buffer, opts: InvokeOptions): Promise<InvokeResult> {
    const event = JSON.parse(payload.toString('utf8'));
    this.calls.push({ spec, payload: event, opts });
    this.opts.onLog(spec.logGroup, `2026/11/23/[${spec.version}]stub`, [
      { timestamp: Date.now(), message: `START RequestId: ${opts.requestId} Version: ${spec.version}` },
      { timestamp: Date.now(), message: JSON.stringify({ zap: event?.zap ?? 'event', requestId: opts.requestId }) },
    ]);
    if (event?.fail || this.failAll) {
      return { payload: Buffer.from(JSON.stringify({ errorType: 'Error', errorMessage: 'boom' })), functionError: 'Unhandled', logTail: 'boom log', executedVersion: spec.version, coldStart: false };
    }
    const out = this.respond ? this.respond(event, spec) : { echo: event, version: spec.version, arn: opts.invokedFunctionArn };
    return { payload: Buffer.from(JSON.stringify(out)), logTail: `log of ${opts.requestId}`, executedVersion: spec.version, coldStart: this.calls.length === 1 };
  }

  busyCount(): number {
    return this.busy;
  }

  list(): ContainerInfo[] {
    return [];
  }

  async retire(fn: string, version?: string): Promise<void> {
    this.retired.push(`${fn}:${version ?? '*'}`);
  }

  setIdleTtl(): void {}

  async close(): Promise<void> {}
}

export const FAST = { roleAssumableMs: 0, functionPendingMs: 0, updateInProgressMs: 0 };

export interface Harness {
  emu: Emulator;
  pool: StubPool;
  lambda: LambdaClient;
  iam: IAMClient;
  sts: STSClient;
  events: EventBridgeClient;
  logs: CloudWatchLogsClient;
  close(): Promise<void>;
}

export async function startHarness(opts: EmulatorOptions = {}): Promise<Harness> {
  let pool!: StubPool;
  const emu = await startEmulator({ delays: FAST, ...opts, createPool: opts.createPool ?? ((o) => (pool = new StubPool(o))) });
  const cfg = { endpoint: emu.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
  const clients = {
    lambda: new LambdaClient(cfg), iam: new IAMClient(cfg), sts: new STSClient(cfg),
    events: new EventBridgeClient(cfg), logs: new CloudWatchLogsClient(cfg),
  };
  return {
    emu, pool, ...clients,
    async close() {
      for (const c of Object.values(clients)) c.destroy();
      await emu.close();
    },
  };
}

/** A zip of files, built in memory. */
export function zipOf(files: Record<string, string>): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [name, text] of Object.entries(files)) zip.addBuffer(Buffer.from(text), name, { mtime: new Date(0) });
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  });
}

export const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

export async function createRole(h: Harness, name = 'fn-role'): Promise<string> {
  const r = await h.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: TRUST }));
  return r.Role!.Arn!;
}

export const HANDLER_JS = 'exports.handler = async (event) => ({ ok: true, event });\n';

/** Polls until `check` passes or `ms` runs out (bounded). */
export async function eventually<T>(check: () => Promise<T> | T, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > end) throw err;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

/**
 * Whether the AWS CLI is installed here: its tests run only where it is. test/global-setup.cjs asks
 * once per jest run; a run without it (another config) asks here.
 */
export const hasAwsCli = (() => {
  if (process.env.ZAP_TEST_AWS_CLI !== undefined) return process.env.ZAP_TEST_AWS_CLI === '1';
  try {
    execFileSync('aws', ['--version'], { stdio: 'ignore', timeout: 20000 });
    return true;
  } catch {
    return false;
  }
})();
