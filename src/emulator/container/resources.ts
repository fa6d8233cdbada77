// Lambda's resource model for containers: CPU in proportion to memory, a hard memory limit, and a
// freeze between invocations. cgroups where the host lets us (Linux, root); otherwise CPU and
// memory run unlimited and the freeze falls back to SIGSTOP/SIGCONT, and the model says so.
import { availableParallelism } from 'node:os';
import { hostMounts, type Mounts } from './cgroup-mounts';
import { EmulatorCgroups, type ContainerCgroup } from './cgroups';
import { vcpusFor } from './cpu-share';

/** Each behaviour on unless turned off (`--no-cpu-limit`, `--no-memory-limit`, `--no-freeze`). */
export interface ResourceOptions {
  cpuLimit?: boolean;
  memoryLimit?: boolean;
  freeze?: boolean;
  /** Where the cgroup controllers are (default: this host's, from /proc/self/mounts). */
  mounts?: Mounts;
}

/** How each behaviour is modelled on this host: `/_zap/containers` and the emulator's first lines show it. */
export interface ResourceModel {
  /** cgroup: CPU quota by MemorySize; off: turned off by a flag; unavailable: the host would not let us. */
  cpu: 'cgroup' | 'off' | 'unavailable';
  memory: 'cgroup' | 'off' | 'unavailable';
  freeze: 'cgroup' | 'sigstop' | 'off';
  hostCores: number;
  /** Why CPU or memory is not modelled, when it is not for want of permission or Linux. */
  reason?: string;
}

/** What one container is held to, and the handles to hold it. */
export interface ContainerLimits {
  /** vCPUs allotted, undefined when unthrottled. */
  vcpus?: number;
  memoryLimitMb?: number;
  /** The command that runs `bin args` inside the container's cgroups. */
  command(bin: string, args: string[]): { file: string; args: string[] };
  /** Whether freeze/thaw do anything (false with --no-freeze). */
  freezes: boolean;
  /** Done when the container is frozen (a cgroup write) or at once (a signal). */
  freeze(pid: number): Promise<void> | void;
  thaw(pid: number): Promise<void> | void;
  /** The container's peak memory in bytes, when the kernel counts it. */
  peakBytes(): number | undefined;
  release(): void;
}

// Joins every cgroup before exec, so not one instruction of the runtime runs outside its quota.
const JOIN = 'n=$1; shift; while [ "$n" -gt 0 ]; do echo $$ > "$1" || exit 125; shift; n=$((n-1)); done; exec "$@"';

export class Resources {
  readonly model: ResourceModel;
  private readonly cgroups: EmulatorCgroups | undefined;

  constructor(opts: ResourceOptions = {}) {
    const mounts = opts.mounts ?? hostMounts();
    const want = { cpu: opts.cpuLimit !== false, memory: opts.memoryLimit !== false, freeze: opts.freeze !== false };
    let reason: string | undefined;
    let usable: Mounts = {};
    if (want.cpu || want.memory || want.freeze) {
      usable = { ...(want.cpu && { cpu: mounts.cpu }), ...(want.memory && { memory: mounts.memory }), ...(want.freeze && { freezer: mounts.freezer }) };
      for (const k of Object.keys(usable) as (keyof Mounts)[]) if (!usable[k]) delete usable[k];
      try {
        if (Object.keys(usable).length === 0) throw new Error(process.platform === 'linux' ? 'no cgroup cpu/memory/freezer controller is mounted' : `cgroups are Linux only (this is ${process.platform})`);
        this.cgroups = new EmulatorCgroups(usable);
        this.cgroups.open();
      } catch (e) {
        reason = (e as Error).message;
        usable = {};
        this.cgroups = undefined;
      }
    }
    const state = (on: boolean, mounted: boolean) => (!on ? 'off' : mounted ? 'cgroup' : 'unavailable') as ResourceModel['cpu'];
    if (want.cpu && !usable.cpu) reason ??= 'no cgroup cpu controller';
    this.model = {
      cpu: state(want.cpu, !!usable.cpu),
      memory: state(want.memory, !!usable.memory),
      freeze: !want.freeze ? 'off' : usable.freezer ? 'cgroup' : 'sigstop',
      hostCores: availableParallelism(),
      ...(reason && { reason }),
    };
  }

  forContainer(id: string, memoryMb: number): ContainerLimits {
    const m = this.model;
    const vcpus = m.cpu === 'cgroup' ? vcpusFor(memoryMb, m.hostCores) : undefined;
    const memoryBytes = m.memory === 'cgroup' ? memoryMb * 1024 * 1024 : undefined;
    let group: ContainerCgroup | undefined;
    if (this.cgroups) group = this.cgroups.create(id, { vcpus, memoryBytes, freeze: m.freeze === 'cgroup' });
    const signal = (pid: number, s: NodeJS.Signals) => {
      try { process.kill(-pid, s); } catch { /* gone */ }
    };
    return {
      vcpus,
      memoryLimitMb: memoryBytes === undefined ? undefined : memoryMb,
      command: (bin, args) => {
        const files = group?.procsFiles() ?? [];
        return files.length === 0 ? { file: bin, args } : { file: '/bin/sh', args: ['-c', JOIN, 'zap-container', String(files.length), ...files, bin, ...args] };
      },
      freezes: m.freeze !== 'off',
      freeze: (pid) => (m.freeze === 'cgroup' ? group?.setFrozen(true) : m.freeze === 'sigstop' ? signal(pid, 'SIGSTOP') : undefined),
      thaw: (pid) => (m.freeze === 'cgroup' ? group?.setFrozen(false) : m.freeze === 'sigstop' ? signal(pid, 'SIGCONT') : undefined),
      peakBytes: () => group?.peakBytes(),
      release: () => group?.remove(),
    };
  }

  close(): void {
    this.cgroups?.close();
  }
}

/** One line for the emulator's first lines: what is modelled and what is not. */
export function describeModel(m: ResourceModel): string {
  const why = m.reason ? ` (${m.reason})` : '';
  const cpu = m.cpu === 'cgroup' ? `CPU by MemorySize (1769 MB = 1 vCPU, host ${m.hostCores} cores)` : m.cpu === 'off' ? 'CPU unthrottled (--no-cpu-limit)' : `CPU unthrottled${why}`;
  const mem = m.memory === 'cgroup' ? 'memory limited to MemorySize' : m.memory === 'off' ? 'memory unlimited (--no-memory-limit)' : 'memory unlimited';
  const freeze = m.freeze === 'cgroup' ? 'frozen between invocations' : m.freeze === 'sigstop' ? 'frozen between invocations (SIGSTOP)' : 'not frozen (--no-freeze)';
  return `containers: ${cpu}, ${mem}, ${freeze}`;
}
