/**
 * EventBridge schedule expressions, checked the way EventBridge checks them.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
 */
const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const CRON = /^cron\((.+)\)$/;
const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** Why the expression is refused, or undefined when EventBridge would accept it. */
export function scheduleExpressionProblem(expr: string): string | undefined {
  const rate = RATE.exec(expr);
  if (rate) {
    const value = Number(rate[1]);
    const plural = rate[2]!.endsWith('s');
    if (value < 1) return 'the rate must be a positive whole number';
    if (value === 1 && plural) return `write "rate(1 ${rate[2]!.slice(0, -1)})": a value of 1 takes the singular unit`;
    if (value > 1 && !plural) return `write "rate(${value} ${rate[2]}s)": a value above 1 takes the plural unit`;
    return undefined;
  }
  const cron = CRON.exec(expr);
  if (cron) return cronProblem(cron[1]!.trim().split(/\s+/));
  if (expr.startsWith('rate(')) return 'expected rate(<whole number> <minute|minutes|hour|hours|day|days>)';
  return 'expected rate(...) or cron(...)';
}

function cronProblem(fields: string[]): string | undefined {
  if (fields.length !== 6) return `cron takes 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}`;
  const [min, hour, dom, month, dow, year] = fields as [string, string, string, string, string, string];
  if ((dom === '?') === (dow === '?')) return 'exactly one of day-of-month and day-of-week must be "?"';
  const simple = /^[\d*,\-/A-Z?LW#]+$/i;
  for (const [name, value] of [['minutes', min], ['hours', hour], ['day-of-month', dom], ['month', month], ['day-of-week', dow], ['year', year]]) {
    if (!simple.test(value!)) return `the ${name} field "${value}" has characters cron does not allow`;
  }
  return undefined;
}

/** How often a schedule fires, in ms, for rate() and for cron() with a fixed minute step; undefined otherwise. */
export function schedulePeriodMs(expr: string): number | undefined {
  const rate = RATE.exec(expr);
  if (rate) return Number(rate[1]) * UNIT_MS[rate[2]!.replace(/s$/, '')]!;
  const cron = CRON.exec(expr);
  if (!cron) return undefined;
  const [min, hour] = cron[1]!.trim().split(/\s+/);
  const step = /^(?:\*|\d+)\/(\d+)$/.exec(min ?? '');
  if (step && hour === '*') return Number(step[1]) * 60_000;
  if (min === '*' && hour === '*') return 60_000;
  return undefined;
}
