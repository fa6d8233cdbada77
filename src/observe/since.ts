import { UserError } from '../core/errors';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `--since`: a duration back from now (`90s`, `10m`, `2h`, `1d`) or an ISO 8601 time; answers epoch ms. */
export function parseSince(value: string, now: number = Date.now()): number {
  const v = value.trim();
  const rel = /^(\d+(?:\.\d+)?)\s*([smhd])$/i.exec(v);
  if (rel) return now - Number(rel[1]) * UNIT_MS[rel[2]!.toLowerCase()]!;
  if (/^\d{4}-\d\d-\d\d/.test(v)) {
    const t = Date.parse(v);
    if (!Number.isNaN(t)) {
      if (t > now) throw new UserError(`--since ${value} is in the future`, 2);
      return t;
    }
  }
  throw new UserError(`--since: got '${value}', expected a duration such as 10m, 2h, 1d, or an ISO time such as 2026-11-23T06:00:00Z`, 2);
}

/** "10 minutes", "24 hours": how a window reads in a sentence. */
export function describeSpan(ms: number): string {
  const units: [number, string][] = [[86_400_000, 'day'], [3_600_000, 'hour'], [60_000, 'minute'], [1000, 'second']];
  for (const [size, name] of units) {
    // "24 hours" reads better than "1 day"; whole days from two on.
    if (ms >= size && ms % size === 0 && !(size === 86_400_000 && ms < 2 * size)) return `${ms / size} ${name}${ms / size === 1 ? '' : 's'}`;
  }
  const [size, name] = units.find(([size]) => ms >= size) ?? [1000, 'second'];
  const n = Math.round((ms / size) * 10) / 10;
  return `${n} ${name}${n === 1 ? '' : 's'}`;
}
