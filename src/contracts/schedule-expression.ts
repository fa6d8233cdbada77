// EventBridge schedule expressions: rate() and 6-field cron(), validated as PutRule does, and
// the next time each fires. https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html

export type Schedule = { kind: 'rate'; periodMs: number } | { kind: 'cron'; cron: CronSpec };

interface CronSpec {
  minutes: Set<number>;
  hours: Set<number>;
  dom: (d: Date) => boolean;
  months: Set<number>;
  dow: (d: Date) => boolean;
  years: Set<number>;
}

export class ScheduleExpressionError extends Error {}

const invalid = () => new ScheduleExpressionError('Parameter ScheduleExpression is not valid.');
const UNIT_MS: Record<string, number> = { minute: 60000, hour: 3600000, day: 86400000 };
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export function parseScheduleExpression(expr: string): Schedule {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expr);
  if (rate) {
    const n = Number(rate[1]);
    // "rate(1 minutes)" and "rate(5 minute)" are refused: the unit is singular exactly for 1.
    if (n < 1 || (n === 1) !== !rate[2].endsWith('s')) throw invalid();
    return { kind: 'rate', periodMs: n * UNIT_MS[rate[2].replace(/s$/, '')] };
  }
  const cron = /^cron\((.*)\)$/.exec(expr);
  if (!cron) throw invalid();
  const f = cron[1].trim().split(/\s+/);
  if (f.length !== 6) throw invalid();
  // One of day-of-month and day-of-week must be '?'.
  if ((f[2] === '?') === (f[4] === '?')) throw invalid();
  return {
    kind: 'cron',
    cron: {
      minutes: values(f[0], 0, 59),
      hours: values(f[1], 0, 23),
      dom: domMatcher(f[2]),
      months: values(f[3], 1, 12, MONTHS),
      dow: dowMatcher(f[4]),
      years: values(f[5], 1970, 2199),
    },
  };
}

function num(s: string, lo: number, hi: number, names?: string[]): number {
  const byName = names?.indexOf(s.toUpperCase()) ?? -1;
  const n = byName >= 0 ? byName + lo : /^\d+$/.test(s) ? Number(s) : NaN;
  if (!(n >= lo && n <= hi)) throw invalid();
  return n;
}

/** A field of *, a, a-b, a/b, a-b/c and lists of those. */
function values(field: string, lo: number, hi: number, names?: string[]): Set<number> {
  const out = new Set<number>();
  for (const part of field.split(',')) {
    const [range, stepRaw] = part.split('/');
    const step = stepRaw === undefined ? 1 : num(stepRaw, 1, hi - lo + 1);
    let [a, b] = [lo, hi];
    if (range !== '*') {
      const [x, y] = range.split('-');
      a = num(x, lo, hi, names);
      b = y === undefined ? (stepRaw === undefined ? a : hi) : num(y, lo, hi, names);
    }
    if (a > b) throw invalid();
    for (let v = a; v <= b; v += step) out.add(v);
  }
  return out;
}

const lastDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();

function domMatcher(field: string): (d: Date) => boolean {
  if (field === '?' || field === '*') return () => true;
  if (field === 'L') return (d) => d.getUTCDate() === lastDay(d);
  if (field === 'LW') return (d) => d.getUTCDate() === lastDay(d);
  // "15W" (nearest weekday) is approximated by the day itself.
  const set = values(field.replace(/W$/, ''), 1, 31);
  return (d) => set.has(d.getUTCDate());
}

function dowMatcher(field: string): (d: Date) => boolean {
  if (field === '?' || field === '*') return () => true;
  const nth = /^(\w+)#([1-5])$/.exec(field);
  if (nth) {
    const day = num(nth[1], 1, 7, DAYS);
    return (d) => d.getUTCDay() + 1 === day && Math.ceil(d.getUTCDate() / 7) === Number(nth[2]);
  }
  const last = /^(\w+)L$/.exec(field);
  if (last) {
    const day = num(last[1], 1, 7, DAYS);
    return (d) => d.getUTCDay() + 1 === day && d.getUTCDate() + 7 > lastDay(d);
  }
  const set = values(field, 1, 7, DAYS);
  return (d) => set.has(d.getUTCDay() + 1);
}

/** The first firing strictly after `after`; rate() schedules count periods from `since`. */
export function nextFire(s: Schedule, after: number, since: number): number {
  if (s.kind === 'rate') return since + (Math.floor(Math.max(0, after - since) / s.periodMs) + 1) * s.periodMs;
  const c = s.cron;
  let t = Math.floor(after / 60000) * 60000 + 60000;
  for (let i = 0; i < 500000; i++) {
    const d = new Date(t);
    const [y, mo] = [d.getUTCFullYear(), d.getUTCMonth()];
    if (y > 2199) return Infinity;
    if (!c.years.has(y)) t = Date.UTC(y + 1, 0, 1);
    else if (!c.months.has(mo + 1)) t = Date.UTC(y, mo + 1, 1);
    else if (!c.dom(d) || !c.dow(d)) t = Date.UTC(y, mo, d.getUTCDate() + 1);
    else if (!c.hours.has(d.getUTCHours())) t = Date.UTC(y, mo, d.getUTCDate(), d.getUTCHours() + 1);
    else if (!c.minutes.has(d.getUTCMinutes())) t += 60000;
    else return t;
  }
  return Infinity;
}
