/**
 * zap.json's keep_warm_expression, judged by the same parser the emulator's PutRule uses, with a
 * message that says how to fix it. https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
 */
import { parseScheduleExpression } from '../contracts/schedule-expression';

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const CRON = /^cron\((.+)\)$/;

/** Why EventBridge would refuse the expression, or undefined when it would accept it. */
export function scheduleExpressionProblem(expr: string): string | undefined {
  try {
    parseScheduleExpression(expr);
    return undefined;
  } catch {
    return hint(expr);
  }
}

function hint(expr: string): string {
  const rate = RATE.exec(expr);
  if (rate) {
    const value = Number(rate[1]);
    if (value < 1) return 'the rate must be a positive whole number';
    return value === 1 ? `write "rate(1 ${rate[2]!.replace(/s$/, '')})": a value of 1 takes the singular unit` : `write "rate(${value} ${rate[2]!.replace(/s?$/, 's')})": a value above 1 takes the plural unit`;
  }
  const cron = CRON.exec(expr);
  if (cron) {
    const fields = cron[1]!.trim().split(/\s+/);
    if (fields.length !== 6) return `cron takes 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}`;
    if ((fields[2] === '?') === (fields[4] === '?')) return 'exactly one of day-of-month and day-of-week must be "?"';
    return 'a cron field is out of range or malformed (minutes 0-59, hours 0-23, day-of-month 1-31, month 1-12 or JAN-DEC, day-of-week 1-7 or SUN-SAT)';
  }
  if (expr.startsWith('rate(')) return 'expected rate(<whole number> <minute|minutes|hour|hours|day|days>)';
  return 'expected rate(...) or cron(...)';
}

/** How often a schedule fires, in ms: for rate(), and for cron() with a fixed minute step; undefined otherwise. */
export function schedulePeriodMs(expr: string): number | undefined {
  try {
    const s = parseScheduleExpression(expr);
    if (s.kind === 'rate') return s.periodMs;
  } catch {
    return undefined;
  }
  const [min, hour] = CRON.exec(expr)![1]!.trim().split(/\s+/);
  const step = /^(?:\*|\d+)\/(\d+)$/.exec(min ?? '');
  if (step && hour === '*') return Number(step[1]) * 60_000;
  if (min === '*' && hour === '*') return 60_000;
  return undefined;
}
