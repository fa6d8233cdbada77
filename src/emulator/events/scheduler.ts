import { AwsError } from '../errors';
import type { EmulatorData, RuleRecord } from '../model';
import type { LambdaEnv } from '../lambda/env';
import { nextFire, parseScheduleExpression, type Schedule } from '../../contracts/schedule-expression';
import { invokeTarget, type FireRecord } from './targets';

interface Timing {
  key: string;
  schedule: Schedule;
  phase: number;
  nextAt: number;
}

const HISTORY = 500;

/** Fires enabled schedules on an emulated clock that runs `timeScale` times faster than real time. */
export class Scheduler {
  readonly history: FireRecord[] = [];
  private readonly timings = new Map<string, Timing>();
  private readonly base = Date.now();
  private timer?: NodeJS.Timeout;
  private readonly inflight = new Set<Promise<unknown>>();

  constructor(
    private readonly env: LambdaEnv,
    private readonly data: EmulatorData,
    private readonly timeScale: number,
  ) {}

  /** Emulated now: real time since start, sped up. */
  emulatedNow(): number {
    return this.base + (Date.now() - this.base) * this.timeScale;
  }

  start(): void {
    this.timer = setInterval(() => this.tick(), this.timeScale > 1 ? 50 : 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await Promise.allSettled([...this.inflight]);
  }

  private tick(): void {
    const now = this.emulatedNow();
    for (const rule of Object.values(this.data.rules)) {
      if (rule.state !== 'ENABLED' || !rule.scheduleExpression) continue;
      const t = this.timing(rule, now);
      if (!t || t.nextAt > now) continue;
      t.nextAt = nextFire(t.schedule, now, t.phase);
      const p = this.fire(rule).finally(() => this.inflight.delete(p));
      this.inflight.add(p);
    }
  }

  private timing(rule: RuleRecord, now: number): Timing | undefined {
    const key = `${rule.scheduleExpression}|${rule.since}`;
    let t = this.timings.get(rule.name);
    if (!t || t.key !== key) {
      try {
        const schedule = parseScheduleExpression(rule.scheduleExpression!);
        t = { key, schedule, phase: now, nextAt: nextFire(schedule, now, now) };
        this.timings.set(rule.name, t);
      } catch {
        return undefined;
      }
    }
    return t;
  }

  private async fire(rule: RuleRecord): Promise<FireRecord[]> {
    const records = await Promise.all(rule.targets.map((t) => invokeTarget(this.env, rule, t)));
    this.history.push(...records);
    this.history.splice(0, Math.max(0, this.history.length - HISTORY));
    return records;
  }

  /** Fires one rule (or every enabled scheduled rule) now and waits for the invocations. */
  async fireNow(name?: string): Promise<FireRecord[]> {
    if (name !== undefined && !this.data.rules[name]) throw new AwsError('ResourceNotFoundException', `Rule ${name} does not exist on EventBus default.`, 404);
    const rules = name !== undefined ? [this.data.rules[name]] : Object.values(this.data.rules).filter((r) => r.scheduleExpression);
    const out: FireRecord[] = [];
    for (const rule of rules) {
      if (rule.state !== 'ENABLED') {
        out.push({ at: new Date().toISOString(), rule: rule.name, target: '', invoked: false, reason: 'rule is DISABLED' });
        continue;
      }
      out.push(...(await this.fire(rule)));
    }
    return out;
  }
}
