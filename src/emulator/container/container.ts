// One execution environment: a child process running the bootstrap, its Runtime API, its log
// stream, and the rules for how an invocation ends (result, error, timeout, crash, init failure).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { nodeBinaryFor } from '../../util/node-binary';
import { containerEnv, nodeArgs } from './env';
import { LogCollector } from './log-collector';
import * as fmt from './log-format';
import type { ContainerLimits } from './resources';
import { RuntimeApi } from './runtime-api';
import type { ContainerInfo, ContainerState, FunctionVersionSpec, InvokeOptions, InvokeResult, LogSink } from './types';

export interface ContainerContext {
  endpoint: string;
  onLog: LogSink;
  bootstrap: string;
  runtimeDir: string;
  scratchDir: string;
  /** The process is gone (crash, timeout, kill), whether or not an invocation was running. */
  onExit?: (c: Container) => void;
  /** CPU share, memory limit and freeze for a container (see resources.ts); none when absent. */
  limitsFor?: (id: string, memoryMb: number) => ContainerLimits;
  model?: ContainerInfo['model'];
}

// Lambda gives init 10 s, then retries it inside the invocation's own timeout.
const INIT_LIMIT_MS = 10_000;
// How long END/REPORT wait for the runtime's last lines once it has answered.
const FLUSH_WAIT_MS = 1_000;
const EXIT_WAIT_MS = 5_000;

interface Active {
  opts: InvokeOptions;
  payload: Buffer;
  resolve(r: InvokeResult): void;
  coldStart: boolean;
  deliveredAt?: number;
  timer?: NodeJS.Timeout;
  done: boolean;
  /** A streamed answer: its content type, and its bytes when no sink takes them. */
  streamed?: { contentType: string; chunks: Buffer[] };
}

type Ending = { payload: Buffer; functionError?: 'Unhandled'; status?: 'timeout' | 'error'; errorType?: string };

export class Container {
  readonly id = randomBytes(6).toString('hex');
  readonly logStream: string;
  invocations = 0;
  readonly createdAt = new Date();
  lastUsedAt = new Date();
  initDurationMs: number | undefined;
  private initReported = false;
  private child: ChildProcess | undefined;
  private readonly api: RuntimeApi;
  private readonly logs: LogCollector;
  private active: Active | undefined;
  private spawnedAt = 0;
  private initTimer: NodeJS.Timeout | undefined;
  private exited: Promise<void> = Promise.resolve();
  private dead = false;
  private lastRssBytes = 0;
  private limits: ContainerLimits | undefined;
  /** Whether the container is (or is being) frozen: what `list()` reports and the next write aims at. */
  private frozen = false;
  /** The state last written to the freezer, and the queue of writes that bring it to `frozen`. */
  private written = false;
  private freezing: Promise<void> = Promise.resolve();

  constructor(readonly spec: FunctionVersionSpec, private readonly ctx: ContainerContext) {
    this.logStream = fmt.logStreamName(spec.version);
    this.logs = new LogCollector(spec.logGroup, this.logStream, ctx.onLog);
    this.api = new RuntimeApi({
      onNext: () => this.initDone(),
      onDelivered: (id) => this.delivered(id),
      onResponse: (id, body) => void this.answered(id, { payload: body }),
      onError: (id, body) => void this.answered(id, { payload: body, functionError: 'Unhandled' }),
      onInitError: (body, type) => void this.initFailed(body, type),
      onStreamStart: (id, type) => this.streamStarted(id, type),
      onStreamChunk: (id, chunk) => this.streamChunk(id, chunk),
    });
  }

  get alive(): boolean { return !this.dead; }
  get inFlight(): boolean { return this.active !== undefined; }
  get state(): ContainerState {
    if (this.initDurationMs === undefined) return 'starting';
    return this.active ? 'busy' : 'idle';
  }

  info(): ContainerInfo {
    return {
      id: this.id, functionName: this.spec.functionName, version: this.spec.version, state: this.state,
      pid: this.child?.pid, invocations: this.invocations, createdAt: this.createdAt.toISOString(),
      lastUsedAt: this.lastUsedAt.toISOString(), initDurationMs: this.initDurationMs, logStream: this.logStream,
      vcpus: this.limits?.vcpus ?? null, memoryLimitMb: this.limits?.memoryLimitMb ?? null, frozen: this.frozen,
      maxMemoryUsedMb: this.child ? this.maxMemoryUsedMb() : null, model: this.ctx.model ?? { cpu: 'off', memory: 'off', freeze: 'off' },
    };
  }

  /** One invocation; the caller (the pool) never hands a container two at once. */
  async invoke(payload: Buffer, opts: InvokeOptions): Promise<InvokeResult> {
    if (this.dead || this.active) throw new Error(`container ${this.id} cannot take an invocation now`);
    const coldStart = !this.child;
    const result = new Promise<InvokeResult>((resolve) => {
      this.active = { opts, payload, resolve, coldStart, done: false };
    });
    this.logs.begin();
    if (coldStart) {
      try {
        await this.start();
      } catch (e) {
        this.active = undefined;
        this.logs.finish();
        await this.stop();
        throw e;
      }
    }
    await this.setFrozen(false);
    this.api.deliver({
      requestId: opts.requestId, payload, invokedFunctionArn: opts.invokedFunctionArn, traceId: fmt.traceId(),
      timeoutMs: this.spec.timeoutSeconds * 1000, clientContext: decodeClientContext(opts.clientContext),
    });
    return result;
  }

  /** Kills the process (and anything it started) and frees the container's resources. */
  async stop(): Promise<void> {
    this.dead = true;
    this.kill();
    await withTimeout(this.exited, EXIT_WAIT_MS);
    this.api.close();
    clearTimeout(this.initTimer);
    this.limits?.release();
    rmSync(join(this.ctx.scratchDir, this.id), { recursive: true, force: true });
  }

  private async start(): Promise<void> {
    const bin = nodeBinaryFor(this.spec.runtime);
    const runtimeApi = await this.api.listen();
    // Stopped while the Runtime API was opening: spawning now would leave a stray process.
    if (this.dead) throw new Error(`container ${this.id} was stopped before it started`);
    const tmpDir = join(this.ctx.scratchDir, this.id, 'tmp');
    mkdirSync(tmpDir, { recursive: true });
    const env = containerEnv({
      spec: this.spec, runtimeApi, logStream: this.logStream, endpoint: this.ctx.endpoint,
      runtimeDir: this.ctx.runtimeDir, tmpDir, path: process.env.PATH,
    });
    this.limits = this.ctx.limitsFor?.(this.id, this.spec.memorySize);
    const command = this.limits?.command(bin, [...nodeArgs(this.spec.memorySize), this.ctx.bootstrap]) ?? { file: bin, args: [...nodeArgs(this.spec.memorySize), this.ctx.bootstrap] };
    this.spawnedAt = performance.now();
    // Its own process group, so a kill also reaches whatever the function spawned.
    const child = spawn(command.file, command.args, {
      cwd: this.spec.codeDir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
    });
    this.child = child;
    this.logs.attach(child.stdout!);
    this.logs.attach(child.stderr!);
    this.exited = new Promise((resolve) => {
      let once = false;
      const end = (code: number | null, signal: NodeJS.Signals | null) => {
        if (once) return;
        once = true;
        this.onExit(code, signal);
        resolve();
      };
      child.once('close', end);
      child.once('error', (e) => {
        this.logs.emit(`zap: could not start ${bin}: ${e.message}\n`);
        end(1, null);
      });
    });
    const initLimit = INIT_LIMIT_MS + this.spec.timeoutSeconds * 1000;
    this.initTimer = setTimeout(() => void this.timedOut(), initLimit).unref();
  }

  private initDone(): void {
    if (this.initDurationMs !== undefined) return;
    this.initDurationMs = performance.now() - this.spawnedAt;
    clearTimeout(this.initTimer);
  }

  private delivered(requestId: string): void {
    const a = this.active;
    if (!a || a.opts.requestId !== requestId) return;
    a.deliveredAt = performance.now();
    this.invocations++;
    this.logs.emit(fmt.startLine(requestId, this.spec.version));
    a.timer = setTimeout(() => void this.timedOut(), this.spec.timeoutSeconds * 1000).unref();
  }

  private streamStarted(requestId: string, contentType: string): void {
    const a = this.active;
    if (!a || a.done || a.opts.requestId !== requestId) return;
    a.streamed = { contentType, chunks: [] };
    a.opts.stream?.start(contentType, () => this.api.abortStream(requestId));
  }

  private streamChunk(requestId: string, chunk: Buffer): void {
    const a = this.active;
    if (!a?.streamed || a.done || a.opts.requestId !== requestId) return;
    if (a.opts.stream) a.opts.stream.chunk(chunk);
    else a.streamed.chunks.push(chunk);
  }

  private async answered(requestId: string, ending: Ending): Promise<void> {
    const a = this.claim(requestId);
    if (!a) return;
    if (a.streamed && !ending.functionError) ending = { ...ending, payload: Buffer.concat(a.streamed.chunks) };
    const durationMs = performance.now() - (a.deliveredAt ?? performance.now());
    const rss = await this.logs.flushed(requestId, FLUSH_WAIT_MS);
    if (rss) this.lastRssBytes = rss;
    this.complete(a, durationMs, ending);
  }

  private async initFailed(body: Buffer, errorType: string | undefined): Promise<void> {
    const a = this.claim(this.active?.opts.requestId);
    this.dead = true;
    this.initDone();
    await this.logs.flushed('init', FLUSH_WAIT_MS);
    this.kill();
    if (!a) return;
    this.logs.emit(fmt.startLine(a.opts.requestId, this.spec.version));
    this.complete(a, 0, { payload: body, functionError: 'Unhandled', status: 'error', errorType: errorType ?? 'Runtime.Unknown' });
  }

  private async timedOut(): Promise<void> {
    const a = this.claim(this.active?.opts.requestId);
    if (!a) return;
    const startedAt = a.deliveredAt ?? this.spawnedAt;
    this.dead = true;
    this.kill();
    await withTimeout(this.exited, EXIT_WAIT_MS);
    const durationMs = performance.now() - startedAt;
    if (a.deliveredAt === undefined) this.logs.emit(fmt.startLine(a.opts.requestId, this.spec.version));
    const message = fmt.timeoutMessage(a.opts.requestId, durationMs / 1000);
    this.logs.emit(message + '\n');
    const payload = Buffer.from(JSON.stringify({ errorMessage: message }));
    this.complete(a, durationMs, { payload, functionError: 'Unhandled', status: 'timeout' });
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    this.dead = true;
    this.api.close();
    clearTimeout(this.initTimer);
    const a = this.claim(this.active?.opts.requestId);
    this.ctx.onExit?.(this);
    if (!a) return;
    const durationMs = a.deliveredAt === undefined ? 0 : performance.now() - a.deliveredAt;
    if (a.deliveredAt === undefined) this.logs.emit(fmt.startLine(a.opts.requestId, this.spec.version));
    const errorType = 'Runtime.ExitError';
    const errorMessage = fmt.runtimeExitMessage(a.opts.requestId, code, signal);
    this.logs.emit(`${errorMessage}\n${errorType}\n`);
    const payload = Buffer.from(JSON.stringify({ errorType, errorMessage }));
    this.complete(a, durationMs, { payload, functionError: 'Unhandled', status: 'error', errorType });
  }

  /** The active invocation, taken so that exactly one ending reports it. */
  private claim(requestId: string | undefined): Active | undefined {
    const a = this.active;
    if (!a || a.done || a.opts.requestId !== requestId) return undefined;
    a.done = true;
    clearTimeout(a.timer);
    return a;
  }

  private complete(a: Active, durationMs: number, ending: Ending): void {
    const requestId = a.opts.requestId;
    const initDurationMs = this.initReported ? undefined : (this.initDurationMs ?? performance.now() - this.spawnedAt);
    this.initReported = true;
    this.logs.emit(fmt.endLine(requestId));
    this.logs.emit(fmt.reportLine({
      requestId, durationMs, memorySizeMb: this.spec.memorySize, initDurationMs,
      maxMemoryUsedMb: this.maxMemoryUsedMb(), status: ending.status, errorType: ending.errorType,
    }));
    this.active = undefined;
    this.lastUsedAt = new Date();
    // As Lambda freezes an environment once it has answered: timers and background work stop.
    if (!this.dead) void this.setFrozen(true);
    a.resolve({
      payload: ending.payload, functionError: ending.functionError, logTail: fmt.logTail(this.logs.finish()),
      executedVersion: this.spec.version, coldStart: a.coldStart,
      ...(a.streamed ? { streamed: { contentType: a.streamed.contentType } } : {}),
    });
  }

  /** The container's real peak (its memory cgroup's), else the runtime's peak RSS. */
  private maxMemoryUsedMb(): number {
    const bytes = this.limits?.peakBytes() ?? this.lastRssBytes;
    return Math.ceil(bytes / (1024 * 1024));
  }

  /**
   * Freezes or thaws; done once the freezer holds that state. Writes are queued and coalesced: an
   * invocation that arrives while its container's freeze is still queued cancels it instead of
   * paying a freeze and a thaw (measured: 4–6 ms of kernel time each on cgroup v1).
   */
  private setFrozen(frozen: boolean): Promise<void> {
    const pid = this.child?.pid;
    if (!pid || !this.limits?.freezes || this.frozen === frozen) return this.freezing;
    this.frozen = frozen;
    const limits = this.limits;
    this.freezing = this.freezing.then(async () => {
      const want = this.frozen;
      if (want === this.written) return;
      try {
        await (want ? limits.freeze(pid) : limits.thaw(pid));
        this.written = want;
      } catch (e) {
        this.logs.emit(`zap: could not ${want ? 'freeze' : 'thaw'} container ${this.id}: ${(e as Error).message}\n`);
      }
    });
    return this.freezing;
  }

  private kill(): void {
    const pid = this.child?.pid;
    if (!pid || this.child?.exitCode !== null || this.child?.signalCode !== null) return;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      this.child?.kill('SIGKILL');
    }
    // A task in a frozen cgroup takes its SIGKILL only once thawed.
    void this.setFrozen(false);
  }
}

/** Invoke takes the client context as base64 JSON; the Runtime API hands the runtime the JSON. */
function decodeClientContext(b64: string | undefined): string | undefined {
  return b64 ? Buffer.from(b64, 'base64').toString('utf8') : undefined;
}

function withTimeout(p: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    t.unref();
    p.then(() => { clearTimeout(t); resolve(); });
  });
}
