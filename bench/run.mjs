// `npm run bench`: every figure against a baseline measured in the same run, each printed as
// `name: value (target …) PASS/MISS`. Rows live in bench/rows/ (add one there and list it in rows/index.mjs).
import { rmSync } from 'node:fs';
import { makeContext } from './context.mjs';
import { rows as allRows } from './rows/index.mjs';

// `npm run bench -- cache` runs only the rows whose name contains "cache".
const only = process.argv.slice(2).map((a) => a.toLowerCase());
const rows = only.length ? allRows.filter((r) => only.some((o) => r.name.toLowerCase().includes(o))) : allRows;

function format(value, unit) {
  if (unit === 'ms') return `${value.toFixed(0)} ms`;
  if (unit === 'count') return value.toFixed(0);
  return value.toFixed(3);
}

function verdict(target, value) {
  if (target.op === 'report') return { text: '(report)', pass: true };
  const pass = target.op === '<=' ? value <= target.value : value >= target.value;
  return { text: `(target ${target.op === '<=' ? '≤' : '≥'} ${format(target.value, target.unit)}) ${pass ? 'PASS' : 'MISS'}`, pass };
}

const started = Date.now();
const ctx = await makeContext();
let misses = 0;
try {
  for (const row of rows) {
    try {
      const { value, detail } = await row.measure(ctx);
      const v = verdict(row.target, value);
      if (!v.pass) misses++;
      console.log(`${row.name}: ${format(value, row.target.unit)} ${v.text}${detail ? `  [${detail}]` : ''}`);
    } catch (err) {
      misses++;
      console.log(`${row.name}: ERROR ${err instanceof Error ? err.message : String(err)}`);
    }
  }
} finally {
  rmSync(ctx.work, { recursive: true, force: true });
}
console.log(`bench: ${rows.length - misses} of ${rows.length} rows met their targets, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
