// The tune chart as a small SVG a person can drop into a document: per size, the cold start's first
// answer (bars, left axis) and the price of a million warm requests (line, right axis).
import { usd } from '../cost/bill';
import type { TuneResult } from './tune';

const W = 640;
const H = 360;
const M = { top: 48, right: 72, bottom: 48, left: 72 };

const r1 = (n: number) => Math.round(n * 10) / 10;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function tuneSvg(t: TuneResult): string {
  const rows = t.rows;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const step = plotW / Math.max(rows.length, 1);
  const topCold = Math.max(1, ...rows.map((r) => r.first_answer_ms.p50 ?? 0));
  const topPrice = Math.max(1e-9, ...rows.map((r) => r.usd_per_million ?? 0));
  const y = (v: number, top: number) => r1(M.top + plotH - (v / top) * plotH);
  const x = (i: number) => r1(M.left + step * i + step / 2);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${esc(`zap tune ${t.stage}: ${t.function} (${t.architecture})`)}</text>`,
    `<line x1="${M.left}" y1="${M.top + plotH}" x2="${M.left + plotW}" y2="${M.top + plotH}" stroke="#333"/>`,
    `<text x="${M.left - 8}" y="${M.top - 12}" text-anchor="end" fill="#2563eb">cold start (ms)</text>`,
    `<text x="${M.left + plotW + 8}" y="${M.top - 12}" fill="#dc2626">$ per 1M</text>`,
    `<text x="${M.left - 8}" y="${M.top + 4}" text-anchor="end" fill="#2563eb">${Math.round(topCold)}</text>`,
    `<text x="${M.left + plotW + 8}" y="${M.top + 4}" fill="#dc2626">${esc(usd(topPrice))}</text>`,
  ];
  rows.forEach((r, i) => {
    const v = r.first_answer_ms.p50 ?? 0;
    const barW = r1(step * 0.5);
    const top = y(v, topCold);
    const fill = r.memory_mb === t.recommendation.memory_mb ? '#16a34a' : '#2563eb';
    parts.push(`<rect x="${r1(x(i) - barW / 2)}" y="${top}" width="${barW}" height="${r1(M.top + plotH - top)}" fill="${fill}" opacity="0.8"><title>${r.memory_mb} MB: ${Math.round(v)} ms</title></rect>`);
    parts.push(`<text x="${x(i)}" y="${top - 4}" text-anchor="middle" fill="#1e3a8a">${Math.round(v)}</text>`);
    parts.push(`<text x="${x(i)}" y="${M.top + plotH + 18}" text-anchor="middle">${r.memory_mb} MB</text>`);
  });
  const points = rows.flatMap((r, i) => (r.usd_per_million === null ? [] : [`${x(i)},${y(r.usd_per_million, topPrice)}`]));
  parts.push(`<polyline points="${points.join(' ')}" fill="none" stroke="#dc2626" stroke-width="2"/>`);
  rows.forEach((r, i) => {
    if (r.usd_per_million === null) return;
    parts.push(`<circle cx="${x(i)}" cy="${y(r.usd_per_million, topPrice)}" r="4" fill="#dc2626"><title>${r.memory_mb} MB: ${esc(usd(r.usd_per_million))} per 1M</title></circle>`);
  });
  const rec = t.recommendation.memory_mb === null ? 'no recommendation' : `recommended: ${t.recommendation.memory_mb} MB (green)`;
  parts.push(`<text x="${W / 2}" y="${H - 12}" text-anchor="middle" fill="#555">${esc(`memory size · ${rec}`)}</text>`, '</svg>');
  return parts.join('\n') + '\n';
}
