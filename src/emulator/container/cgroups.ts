// One cgroup per container under a parent named by the emulator's pid (`zap-emulator-<pid>`), in
// each controller's hierarchy: cpu quota, memory limit, freezer. Files differ between v1 and v2;
// what they do does not. The parent goes when the emulator stops; parents of dead emulators are
// swept at start.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cfsQuotaUs, CFS_PERIOD_US } from './cpu-share';
import type { Controller, Mount, Mounts } from './cgroup-mounts';

const PREFIX = 'zap-emulator-';

export interface GroupLimits {
  /** vCPUs, or undefined for no quota. */
  vcpus?: number;
  /** Bytes, or undefined for no limit. */
  memoryBytes?: number;
  freeze: boolean;
}

/** A container's group in every hierarchy it uses. */
export class ContainerCgroup {
  constructor(private readonly dirs: Partial<Record<Controller, { dir: string; version: 1 | 2 }>>) {}

  /** cgroup.procs files to write the child's pid into before it runs the runtime (one per hierarchy). */
  procsFiles(): string[] {
    return [...new Set(Object.values(this.dirs).map((d) => join(d.dir, 'cgroup.procs')))];
  }

  /**
   * Asynchronous: a v1 freezer write takes the kernel 4–6 ms even for an idle group, which would
   * stall every other container and request of the emulator were it made on the event loop.
   */
  async setFrozen(frozen: boolean): Promise<void> {
    const f = this.dirs.freezer;
    if (!f) return;
    if (f.version === 1) await writeFile(join(f.dir, 'freezer.state'), frozen ? 'FROZEN' : 'THAWED');
    else await writeFile(join(f.dir, 'cgroup.freeze'), frozen ? '1' : '0');
  }

  /** The group's peak memory (v1 max_usage_in_bytes, v2 memory.peak), or undefined when unknown. */
  peakBytes(): number | undefined {
    const m = this.dirs.memory;
    if (!m) return undefined;
    try {
      const n = Number(readFileSync(join(m.dir, m.version === 1 ? 'memory.max_usage_in_bytes' : 'memory.peak'), 'utf8'));
      return Number.isFinite(n) && n > 0 ? n : undefined;
    } catch {
      return undefined;
    }
  }

  /** Removes the group once its killed processes have exited. Best effort: a sweep at the next start retries. */
  remove(): void {
    for (const { dir } of Object.values(this.dirs)) removeGroup(dir, true);
  }
}

export class EmulatorCgroups {
  private readonly parentName = `${PREFIX}${process.pid}`;
  /** Groups this pool made: another pool in the same process shares the parent. */
  private readonly made = new Set<string>();

  constructor(private readonly mounts: Mounts) {}

  /** Makes the parent in each hierarchy, after sweeping parents whose emulator is gone. Throws when it cannot. */
  open(): void {
    const roots = this.roots().map((m) => m.root);
    // Every stale task killed and thawed in all hierarchies first: a frozen one dies only once thawed.
    const stale = roots.flatMap(staleParents);
    for (const parent of stale) for (const child of subgroups(parent)) stopTasks(join(parent, child));
    for (const parent of stale) {
      for (const child of subgroups(parent)) removeGroup(join(parent, child), true);
      removeGroup(parent);
    }
    for (const m of this.roots()) {
      const parent = join(m.root, this.parentName);
      makeDir(parent);
      if (m.version === 2) enableV2(m.root, parent, this.mounts);
    }
  }

  create(id: string, limits: GroupLimits): ContainerCgroup {
    const dirs: Partial<Record<Controller, { dir: string; version: 1 | 2 }>> = {};
    const want: [Controller, boolean][] = [['cpu', limits.vcpus !== undefined], ['memory', limits.memoryBytes !== undefined], ['freezer', limits.freeze]];
    for (const [c, on] of want) {
      const m = this.mounts[c];
      if (!on || !m) continue;
      const dir = join(m.root, this.parentName, id);
      // Another pool in this process may have removed the parent on closing.
      makeDir(join(m.root, this.parentName));
      makeDir(dir);
      this.made.add(dir);
      dirs[c] = { dir, version: m.version };
    }
    const set = (c: Controller, v1: [string, string][], v2: [string, string][]) => {
      const d = dirs[c];
      if (d) for (const [file, value] of d.version === 1 ? v1 : v2) writeFileSync(join(d.dir, file), value);
    };
    if (limits.vcpus !== undefined) {
      const quota = String(cfsQuotaUs(limits.vcpus));
      set('cpu', [['cpu.cfs_period_us', String(CFS_PERIOD_US)], ['cpu.cfs_quota_us', quota]], [['cpu.max', `${quota} ${CFS_PERIOD_US}`]]);
    }
    if (limits.memoryBytes !== undefined) {
      const bytes = String(limits.memoryBytes);
      // No swap: past the limit the kernel's OOM killer ends the process, as Lambda's limit does.
      const v1: [string, string][] = [['memory.limit_in_bytes', bytes]];
      if (existsSync(join(dirs.memory!.dir, 'memory.memsw.limit_in_bytes'))) v1.push(['memory.memsw.limit_in_bytes', bytes]);
      set('memory', v1, [['memory.max', bytes], ['memory.swap.max', '0']]);
    }
    return new ContainerCgroup(dirs);
  }

  /** Removes what is left of this pool's groups, then the parent unless another pool still uses it. */
  close(): void {
    for (const dir of this.made) removeGroup(dir, true);
    this.made.clear();
    for (const m of this.roots()) removeGroup(join(m.root, this.parentName));
  }

  private roots(): Mount[] {
    const seen = new Map<string, Mount>();
    for (const m of Object.values(this.mounts)) seen.set(m.root, m);
    return [...seen.values()];
  }
}

function subgroups(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Parents left by an emulator that died without closing. */
function staleParents(root: string): string[] {
  return subgroups(root)
    .filter((name) => {
      const pid = Number(name.slice(PREFIX.length));
      return name.startsWith(PREFIX) && Number.isInteger(pid) && pid !== process.pid && !alive(pid);
    })
    .map((name) => join(root, name));
}

/** Kills a stale group's tasks, and thaws it: a frozen task only dies once thawed. */
function stopTasks(dir: string): void {
  for (const p of readProcs(dir)) {
    try { process.kill(p, 'SIGKILL'); } catch { /* already gone */ }
  }
  if (existsSync(join(dir, 'freezer.state'))) tryWrite(join(dir, 'freezer.state'), 'THAWED');
  if (existsSync(join(dir, 'cgroup.freeze'))) tryWrite(join(dir, 'cgroup.freeze'), '0');
}

/** Not recursive: the root is a mount point, and Node's recursive mkdir spins forever under /proc. */
function makeDir(dir: string): void {
  try {
    mkdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
}

function readProcs(dir: string): number[] {
  try {
    return readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function tryWrite(file: string, value: string): void {
  try { writeFileSync(file, value); } catch { /* best effort */ }
}

/** Removes a group once its tasks are gone; `wait`: up to 2 s for killed tasks to exit. Else the next start sweeps it. */
function removeGroup(dir: string, wait = false): void {
  for (let waited = 0; wait && readProcs(dir).length > 0 && waited < 2000; waited += 20) Atomics.wait(PAUSE, 0, 0, 20);
  try { rmdirSync(dir); } catch { /* busy or gone */ }
}

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/** v2 hands a controller to children only when each ancestor lists it in cgroup.subtree_control. */
function enableV2(root: string, parent: string, mounts: Mounts): void {
  const wanted = (['cpu', 'memory'] as const).filter((c) => mounts[c]?.version === 2 && mounts[c]?.root === root);
  if (wanted.length === 0) return;
  const line = wanted.map((c) => `+${c}`).join(' ');
  writeFileSync(join(root, 'cgroup.subtree_control'), line);
  writeFileSync(join(parent, 'cgroup.subtree_control'), line);
}
