// Lambda's scaling rules over containers: reuse an idle one of the same code, else start another;
// one invocation per container; idle ones reclaimed after a while.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Container } from './container';
import { bootstrapPath, defaultSdkNodeModules, makeRuntimeDir } from './paths';
import { Resources, type ResourceModel } from './resources';
import type {
  ContainerInfo, ContainerPoolApi, ContainerPoolOptions, FunctionVersionSpec, InvokeOptions, InvokeResult,
} from './types';

function sameCode(c: Container, spec: FunctionVersionSpec): boolean {
  return c.spec.functionName === spec.functionName && c.spec.version === spec.version && c.spec.codeSha256 === spec.codeSha256;
}

export class ContainerPool implements ContainerPoolApi {
  private readonly containers = new Set<Container>();
  private readonly idleTimers = new Map<Container, NodeJS.Timeout>();
  private readonly retiring = new Set<Container>();
  private dirs: { scratch: string; runtime: string } | undefined;
  private closed = false;
  private readonly resources: Resources;

  constructor(private readonly opts: ContainerPoolOptions) {
    this.resources = new Resources(opts.resources);
  }

  get resourceModel(): ResourceModel {
    return this.resources.model;
  }

  async invoke(spec: FunctionVersionSpec, payload: Buffer, opts: InvokeOptions): Promise<InvokeResult> {
    if (this.closed) throw new Error('the container pool is closed');
    const container = this.idleFor(spec) ?? this.create(spec);
    this.clearIdle(container);
    try {
      return await container.invoke(payload, opts);
    } finally {
      this.settle(container);
    }
  }

  busyCount(functionName: string): number {
    return [...this.containers].filter((c) => c.spec.functionName === functionName && c.inFlight).length;
  }

  list(): ContainerInfo[] {
    return [...this.containers].map((c) => c.info());
  }

  async retire(functionName: string, version?: string): Promise<void> {
    const matching = [...this.containers].filter(
      (c) => c.spec.functionName === functionName && (version === undefined || c.spec.version === version),
    );
    // In-flight invocations finish first, as on Lambda; their containers go right after.
    for (const c of matching.filter((c) => c.inFlight)) this.retiring.add(c);
    await Promise.all(matching.filter((c) => !c.inFlight).map((c) => this.remove(c)));
  }

  setIdleTtl(ms: number): void {
    this.opts.idleTtlMs = ms;
    // A copy: rescheduling re-inserts into the map, which a live iteration would visit again.
    for (const c of [...this.idleTimers.keys()]) this.scheduleIdle(c);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.containers].map((c) => this.remove(c)));
    this.resources.close();
    if (this.dirs) rmSync(this.dirs.scratch, { recursive: true, force: true });
  }

  private idleFor(spec: FunctionVersionSpec): Container | undefined {
    let best: Container | undefined;
    for (const c of this.containers) {
      if (c.alive && !c.inFlight && !this.retiring.has(c) && sameCode(c, spec)) {
        // The most recently used one, so the others age out when load drops.
        if (!best || c.lastUsedAt >= best.lastUsedAt) best = c;
      }
    }
    return best;
  }

  private create(spec: FunctionVersionSpec): Container {
    const dirs = this.ensureDirs();
    const c = new Container(spec, {
      endpoint: this.opts.endpoint, onLog: this.opts.onLog, bootstrap: bootstrapPath(),
      runtimeDir: dirs.runtime, scratchDir: dirs.scratch,
      limitsFor: (id, memoryMb) => this.resources.forContainer(id, memoryMb), model: this.resources.model,
      // A container that dies between invocations leaves at once; one mid-invocation, when it ends.
      onExit: (dead) => { if (!dead.inFlight) void this.remove(dead); },
    });
    this.containers.add(c);
    return c;
  }

  private ensureDirs(): { scratch: string; runtime: string } {
    if (!this.dirs) {
      const root = this.opts.scratchRoot ?? tmpdir();
      mkdirSync(root, { recursive: true });
      const scratch = mkdtempSync(join(root, 'zap-containers-'));
      const runtime = makeRuntimeDir(join(scratch, 'runtime'), this.opts.sdkNodePath ?? defaultSdkNodeModules());
      this.dirs = { scratch, runtime };
    }
    return this.dirs;
  }

  private settle(c: Container): void {
    if (!c.alive || this.retiring.has(c) || this.closed) void this.remove(c);
    else this.scheduleIdle(c);
  }

  private scheduleIdle(c: Container): void {
    this.clearIdle(c);
    // Counted from the last use, so a changed TTL applies to containers already idle.
    const delay = Math.max(0, c.lastUsedAt.getTime() + this.opts.idleTtlMs - Date.now());
    const t = setTimeout(() => { if (!c.inFlight) void this.remove(c); }, delay);
    t.unref();
    this.idleTimers.set(c, t);
  }

  private clearIdle(c: Container): void {
    clearTimeout(this.idleTimers.get(c));
    this.idleTimers.delete(c);
  }

  private async remove(c: Container): Promise<void> {
    this.clearIdle(c);
    this.retiring.delete(c);
    this.containers.delete(c);
    await c.stop();
  }
}
