// How `zap tail` prints a line: compact text for people, one JSON object per line for programs.
import type { colors } from '../core/output';
import type { Parsed } from './warm-filter';

type Colors = ReturnType<typeof colors>;

const pad2 = (n: number, w = 2) => String(n).padStart(w, '0');

/** Local time of day with milliseconds: 06:12:01.123. */
export function clock(ts: number): string {
  const d = new Date(ts);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}.${pad2(d.getMilliseconds(), 3)}`;
}

const ms = (n: number) => `${n >= 100 ? Math.round(n) : Math.round(n * 10) / 10} ms`;

/** One printable line, or undefined for a line the compact view leaves out (END: REPORT says it and more). */
export function formatText(p: Parsed, c: Colors): string | undefined {
  const { line } = p;
  const id = line.requestId ? c.dim(line.requestId.slice(0, 8)) : c.dim('-'.repeat(8));
  const head = `${c.dim(clock(p.timestamp))} ${id} ${p.warm ? c.cyan('warm ') : ''}`;
  switch (line.kind) {
    case 'start':
      return head + c.dim(`START${line.version ? ` version ${line.version}` : ''}`);
    case 'end':
      return undefined;
    case 'report': {
      const mem = line.maxMemoryMb !== undefined ? ` · ${line.maxMemoryMb}/${line.memorySizeMb ?? '?'} MB` : '';
      const cold = line.initMs !== undefined ? ` ${c.bold(c.yellow(`COLD ${Math.round(line.initMs)} ms init`))}` : '';
      const status = line.status ? ` ${c.red(line.status.toUpperCase())}` : '';
      return `${head}${c.dim('REPORT')} ${ms(line.durationMs)}${line.billedMs !== undefined ? c.dim(` (billed ${line.billedMs} ms)`) : ''}${c.dim(mem)}${cold}${status}`;
    }
    case 'timeout':
      return head + c.red(`TIMEOUT Task timed out after ${line.seconds.toFixed(2)} seconds`);
    case 'runtime_error':
      return head + c.red(`ERROR ${line.text}`);
    case 'app': {
      if (line.warm) return head + c.cyan(warmSummary(line.warm));
      if (line.task) return head + c.magenta(`task ${line.task.task} `) + (line.task.ok ? c.green(`ok in ${line.task.duration_ms} ms: ${JSON.stringify(line.task.result)}`) : c.red(`failed in ${line.task.duration_ms} ms: ${line.task.error}`));
      const level = levelColor(line.level, c)(line.level.padEnd(5));
      return `${head}${level} ${indent(line.text)}`;
    }
    case 'other':
      return head + indent(line.text);
  }
}

function warmSummary(w: NonNullable<Extract<Parsed['line'], { kind: 'app' }>['warm']>): string {
  const self = `container ${w.container}${w.cold ? ' (cold)' : ''}`;
  if (w.role !== 'leader') return `keep-warm follower, ${self}`;
  const errors = w.errors?.length ? `, ${w.errors.length} error${w.errors.length === 1 ? '' : 's'}` : '';
  const hold = typeof w.hold_ms === 'number' ? `, hold ${w.hold_ms} ms` : '';
  return `keep-warm leader: held ${w.held}/${w.asked}, ${w.cold_containers ?? 0} cold${errors}${hold}; ${self}`;
}

function levelColor(level: string, c: Colors): (s: string) => string {
  if (level === 'ERROR' || level === 'FATAL') return c.red;
  if (level === 'WARN') return c.yellow;
  if (level === 'DEBUG' || level === 'TRACE') return c.dim;
  return c.green;
}

/** Continuation lines of a multi-line message (a stack trace) line up under its first line. */
const indent = (text: string) => text.replace(/(\r\n|\r|\n)$/, '').replace(/\r\n|\r|\n/g, '\n    ');

/** The line as one JSON object; the same fields whatever the kind, plus the kind's own. */
export function formatJson(p: Parsed): string {
  const { line } = p;
  const base = {
    time: new Date(p.timestamp).toISOString(),
    timestamp: p.timestamp,
    event_id: p.eventId,
    stream: p.logStreamName,
    type: line.kind,
    request_id: line.requestId ?? null,
    warm: p.warm,
  };
  const message = p.message.replace(/\r?\n$/, '');
  switch (line.kind) {
    case 'report':
      return JSON.stringify({
        ...base, duration_ms: line.durationMs, billed_ms: line.billedMs, memory_mb: line.memorySizeMb, max_memory_mb: line.maxMemoryMb,
        cold: line.initMs !== undefined, init_ms: line.initMs, status: line.status, message,
      });
    case 'start':
      return JSON.stringify({ ...base, version: line.version, message });
    case 'app':
      return JSON.stringify({ ...base, level: line.level, text: line.text, keep_warm: line.warm, ...(line.task ? { task: line.task } : {}), message });
    case 'timeout':
      return JSON.stringify({ ...base, timeout_s: line.seconds, message });
    default:
      return JSON.stringify({ ...base, message });
  }
}
