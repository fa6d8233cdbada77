// Whether warming works, from what is deployed (the rule) and what the last tick reported.
import type { Tick, WarmWindow } from './figures';

export interface KeepWarmStatus {
  enabled: boolean;
  /** The deployed rule's schedule expression, e.g. rate(5 minutes). */
  schedule: string | null;
  rule_state: string | null;
  period_ms: number | null;
  /** Containers asked for: the last tick's figure, else the rule's input, else zap.json. */
  asked: number;
  /** Distinct containers that answered the last tick; null when no tick is in the window. */
  held: number | null;
  /** Containers the last tick found cold. */
  cold: number | null;
  errors: number | null;
  throttles: number | null;
  /** How long followers held their containers at the last tick (the leader adapts it tick to tick). */
  hold_ms: number | null;
  last_tick: string | null;
  window: WarmWindow;
}

export interface KeepWarmInput {
  /** keep_warm from zap.json (0 = off). */
  configured: number;
  rule?: { scheduleExpression?: string; state?: string; concurrency?: number };
  periodMs?: number;
  lastTick?: Tick;
  window: WarmWindow;
  now: number;
}

export function keepWarmStatus(i: KeepWarmInput): { status: KeepWarmStatus; warnings: string[] } {
  const t = i.lastTick;
  const status: KeepWarmStatus = {
    enabled: i.rule !== undefined && i.rule.state !== 'DISABLED',
    schedule: i.rule?.scheduleExpression ?? null,
    rule_state: i.rule?.state ?? null,
    period_ms: i.periodMs ?? null,
    asked: t?.asked ?? i.rule?.concurrency ?? i.configured,
    held: t?.held ?? null,
    cold: t?.cold ?? null,
    errors: t?.errors ?? null,
    throttles: t?.throttles ?? null,
    hold_ms: t?.hold_ms ?? null,
    last_tick: t?.time ?? null,
    window: i.window,
  };
  return { status, warnings: warnings(i, status) };
}

function warnings(i: KeepWarmInput, s: KeepWarmStatus): string[] {
  const w: string[] = [];
  if (!i.rule) {
    w.push(i.configured > 0 ? `keep-warm is on in zap.json (keep_warm ${i.configured}) but no schedule is deployed: run zap deploy` : 'keep-warm is off: every container this function gets is started by a request (set keep_warm in zap.json)');
    return w;
  }
  if (i.rule.state === 'DISABLED') w.push('the keep-warm schedule is disabled');
  if (i.configured === 0) w.push('keep-warm is off in zap.json but a schedule is still deployed: run zap deploy to remove it');
  const t = i.lastTick;
  if (!t) {
    w.push('no keep-warm tick in the window: the schedule has not fired, or the leader failed before its summary (zap tail --warm shows why)');
    return w;
  }
  if (i.periodMs && i.now - t.timestamp > 2 * i.periodMs) {
    w.push(`the last keep-warm tick was ${ago(i.now - t.timestamp)} ago, more than twice the schedule's period (${s.schedule})`);
  }
  if (t.held < t.asked) {
    const why = t.throttles ? `${t.throttles} throttled` : t.errors ? `${t.errors} error${t.errors === 1 ? '' : 's'}` : 'fan-out calls landed on containers that had already answered';
    w.push(`held ${t.held} of ${t.asked} containers at the last tick (${why})`);
  }
  return w;
}

export function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86400)} days`;
}
