import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator';
import { runZap, type CliResult } from './cli';
import { runZapInProcess } from './cli-in-process';
import { deployInProcess, type DeployRun, type InProcessOptions } from './in-process';
import { restoreTemplate, sampleTemplate } from './sample-template';

const REPO = join(__dirname, '../..');
const SAMPLE = join(REPO, 'sample-app');

export interface DeployedStage {
  emulator: Emulator;
  /** A copy of sample-app inside the repository (so its imports resolve from the root node_modules). */
  dir: string;
  env: NodeJS.ProcessEnv;
  url: string;
  /** Runs the CLI in the project folder against the emulator (in a process of its own unless `cli: 'in-process'`). */
  zap(args: string[], opts?: { timeoutMs?: number }): Promise<CliResult>;
  /** `zap deploy dev` (or update, --plan) in this process against the emulator. */
  deploy(opts?: InProcessOptions): Promise<DeployRun>;
  /** Rewrites zap.json's dev stage with these keys. */
  setDev(keys: Record<string, unknown>): void;
  close(): Promise<void>;
}

/** IAM propagation and Lambda's Pending/InProgress states, short but there: deploy's retries and waits run. */
export const FAST_DELAYS = { roleAssumableMs: 300, functionPendingMs: 100, updateInProgressMs: 100 };
/** None at all: each Lambda waiter answers on its first poll instead of sleeping a second. */
export const NO_DELAYS = { roleAssumableMs: 0, functionPendingMs: 0, updateInProgressMs: 0 };

/**
 * Containers freeze and hold their memory limit as in Lambda, but are not held to MemorySize's share
 * of a vCPU: for tests about deploys rather than CPU (a 512 MB container gets 0.29 of a vCPU, so each
 * cold start takes about three times as long). test/emulator/container/resources.test.ts proves the quota.
 */
export const UNTHROTTLED = { cpuLimit: false } as const;

export interface CopyOptions {
  /**
   * Package from scratch: the copy starts without the package record and zip of the sample packaged
   * once per run (sample-template.ts). For tests whose subject is packaging, its output or the first build.
   */
  fresh?: boolean;
}

/**
 * A copy of the sample app with its own project name, so tests never share resources. Unless `fresh`,
 * its `.zap/dev` starts with the record and zip of the sample packaged once per run, so a deploy with
 * the same packaging inputs reuses that zip (as after a CI cache restore) instead of packaging again.
 */
export async function sampleAppCopy(dev: Record<string, unknown> = {}, opts: CopyOptions = {}): Promise<{ dir: string; setDev(keys: Record<string, unknown>): void; remove(): void }> {
  const template = opts.fresh ? undefined : await sampleTemplate();
  const dir = join(REPO, '.zap-test', `sample-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  cpSync(SAMPLE, dir, { recursive: true, filter: (src) => !src.includes(`${SAMPLE}/.zap`) });
  if (template) restoreTemplate(template, dir);
  const setDev = (keys: Record<string, unknown>) => {
    const settings = JSON.parse(readFileSync(join(dir, 'zap.json'), 'utf8'));
    settings.dev = { ...settings.dev, ...keys };
    writeFileSync(join(dir, 'zap.json'), JSON.stringify(settings, null, 2));
  };
  setDev({ project_name: `t${randomBytes(3).toString('hex')}`, ...dev });
  return { dir, setDev, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Starts an emulator and deploys a new copy of sample-app into it (packaged from scratch only with `fresh`): in this process by default, or
 * with `zap deploy dev --json` through the CLI (`via: 'cli'`). `stage.zap` spawns the built CLI, or
 * with `cli: 'in-process'` runs it in this process (for tests about what a command does, not about
 * the process: no Node start-up, no module loading).
 */
export async function deploySampleApp(opts: { dev?: Record<string, unknown>; emulator?: EmulatorOptions; deploy?: boolean; via?: 'cli' | 'in-process'; cli?: 'process' | 'in-process' } & CopyOptions = {}): Promise<DeployedStage> {
  const copy = await sampleAppCopy(opts.dev, { fresh: opts.fresh });
  const emulator = await startEmulator({ region: 'eu-west-1', delays: NO_DELAYS, ...opts.emulator });
  const env = { AWS_ENDPOINT_URL: emulator.endpoint, AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
  const zap = opts.cli === 'in-process'
    ? (args: string[]) => runZapInProcess(args, { cwd: copy.dir, env })
    : (args: string[], o: { timeoutMs?: number } = {}) => runZap(args, { cwd: copy.dir, env, timeoutMs: o.timeoutMs ?? 90_000 });
  const stage: DeployedStage = {
    emulator,
    dir: copy.dir,
    env,
    url: '',
    zap,
    deploy: (o) => deployInProcess(copy.dir, emulator.endpoint, o),
    setDev: copy.setDev,
    close: async () => {
      await emulator.close();
      copy.remove();
    },
  };
  if (opts.deploy === false) return stage;
  if (opts.via === 'cli') {
    const res = await zap(['deploy', 'dev', '--json']);
    if (res.code !== 0) {
      await stage.close();
      throw new Error(`zap deploy failed (${res.code}):\n${res.stderr}\n${res.stdout}`);
    }
    stage.url = JSON.parse(res.stdout.trim().split('\n').pop()!).url;
    return stage;
  }
  const run = await stage.deploy();
  if (!run.result) {
    await stage.close();
    throw new Error(`deploy failed: ${run.error?.stack ?? run.error}\n${run.stderr}`);
  }
  stage.url = run.result.url!;
  return stage;
}

/** One HTTP request over real HTTP; the body as a Buffer, Set-Cookie values apart. */
export async function httpRequest(url: string, method = 'GET', init: { headers?: Record<string, string>; body?: string | Buffer } = {}) {
  const res = await fetch(url, { method, headers: init.headers, body: init.body as BodyInit | undefined, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    if (k !== 'set-cookie') headers[k] = v;
  });
  return { status: res.status, headers, cookies: res.headers.getSetCookie(), body: Buffer.from(await res.arrayBuffer()) };
}

/** A deployed sample app for a whole test file: deployed before its tests, stopped after them. */
export function useDeployedSample(opts: Parameters<typeof deploySampleApp>[0] = {}): () => DeployedStage {
  let stage: DeployedStage | undefined;
  beforeAll(async () => {
    stage = await deploySampleApp(opts);
  });
  afterAll(async () => {
    await stage?.close();
  });
  return () => stage!;
}
