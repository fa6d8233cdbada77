// `zap tune` for people: the table (memory × cold start × warm p95 × $/1M × keep-warm $/month),
// the recommendation, and a terminal chart of cold start and price per size.
import type { colors } from '../core/output';
import { usd } from '../cost/bill';
import type { TuneRow } from './table';
import type { TuneResult } from './tune';

type Colors = ReturnType<typeof colors>;

const ms = (n: number | null) => (n === null ? '-' : n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : n >= 100 ? `${Math.round(n)} ms` : `${n.toFixed(1)} ms`);
const money = (n: number | null) => (n === null ? '-' : usd(n));

function flags(r: TuneRow): string {
  const f: string[] = [];
  if (r.over_api_gateway) f.push('past API Gateway\'s 30 s');
  if (r.over_timeout) f.push('past the function\'s timeout');
  if (r.errors.length) f.push(`failed: ${r.errors[0]}`);
  return f.join('; ');
}

export function formatTune(t: TuneResult, c: Colors): string {
  const kw = t.keep_warm.containers ? `keep-warm ${t.keep_warm.containers} $/month` : 'keep-warm (off)';
  const head = ['memory', 'cold start: init', 'first answer', 'warm p50', 'warm p95', 'billed', '$ per 1M', kw];
  const body = t.rows.map((r) => [
    `${r.memory_mb} MB`, ms(r.init_ms.p50), ms(r.first_answer_ms.p50), ms(r.warm_ms.p50), ms(r.warm_ms.p95),
    r.billed_ms === null ? '-' : `${round(r.billed_ms)} ms`, money(r.usd_per_million), money(r.keep_warm_usd_month),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
  const rec = t.recommendation;
  const out = [
    `${c.bold(`zap tune ${t.stage}`)} ${c.dim(`${t.function}, ${t.architecture}, ${t.region}: ${t.cold_starts_per_size} cold start(s) and ${t.warm_requests_per_size} warm request(s) per size over ${t.requests.join(', ')}`)}`,
    '',
    c.dim(line(head)),
    ...t.rows.map((r, i) => {
      const text = line(body[i]!);
      const f = flags(r);
      return r.memory_mb === rec.memory_mb ? c.green(text + '  ← recommended') : f ? c.yellow(`${text}  ! ${f}`) : text;
    }),
    '',
    rec.memory_mb === null ? c.yellow(`no recommendation: ${rec.why}`) : `${c.bold(`recommended: ${rec.memory_mb} MB`)}, ${rec.why}`,
    '',
    ...chart(t.rows),
    '',
    c.dim('cold start: Init Duration (REPORT) and the first answer as this machine saw it, median of the forced cold starts; warm: REPORT Duration'),
    c.dim(`$ per 1M: mean billed ms of a warm request × memory × the GB-s price, plus requests; keep-warm: ${t.keep_warm.containers} container(s) ${t.keep_warm.schedule}, 730-hour month`),
    c.dim(`prices: ${t.prices.source}`),
    c.dim(`$LATEST's memory and description were put back (${t.restored.memory_mb} MB); alias live and its versions were not touched`),
    ...t.notes.map((n) => c.yellow(`! ${n}`)),
  ];
  return out.join('\n');
}

const WIDTH = 28;

/** Two bars per size: the first answer of a cold start, and the price of a million warm requests. */
export function chart(rows: TuneRow[]): string[] {
  const cold = rows.map((r) => r.first_answer_ms.p50 ?? 0);
  const price = rows.map((r) => r.usd_per_million ?? 0);
  const bar = (v: number, top: number) => '█'.repeat(top > 0 ? Math.max(v > 0 ? 1 : 0, Math.round((v / top) * WIDTH)) : 0).padEnd(WIDTH);
  const topCold = Math.max(...cold, 0);
  const topPrice = Math.max(...price, 0);
  const label = (s: string) => s.padEnd(8);
  return [
    `${label('')}${'cold start (first answer)'.padEnd(WIDTH + 11)}$ per 1M requests`,
    ...rows.map((r, i) => `${label(`${r.memory_mb} MB`)}${bar(cold[i]!, topCold)} ${ms(r.first_answer_ms.p50).padStart(9)}  ${bar(price[i]!, topPrice)} ${money(r.usd_per_million)}`),
  ];
}

const round = (n: number) => (n >= 10 ? Math.round(n) : Math.round(n * 10) / 10);
