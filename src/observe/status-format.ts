// `zap status` for people: what is deployed, whether warming holds, how often users meet a cold start.
import type { colors } from '../core/output';
import { ago } from './keep-warm-status';
import { describeSpan } from './since';
import type { StatusReport } from './status';
import { describeKeepWarmCost } from '../cost/keep-warm';
import { formatTasks } from './task-status';
import { formatNetwork } from './network-status';

type Colors = ReturnType<typeof colors>;

const size = (b: number | null) => (b === null ? '?' : b >= 1048576 ? `${(b / 1048576).toFixed(1)} MB` : `${(b / 1024).toFixed(1)} KB`);
const ms = (n: number | null) => (n === null ? '-' : `${Math.round(n)} ms`);
const row = (c: Colors, label: string, value: string) => `  ${c.dim(label.padEnd(14))}${value}`;

export function formatStatus(r: StatusReport, c: Colors, now: number = Date.now()): string {
  const f = r.function;
  const lines = [
    `${c.bold(f.name)} ${c.dim(`(stage ${r.stage}, ${r.region})`)}`,
    row(c, 'runtime', `${f.runtime ?? '?'}, ${f.architecture ?? '?'}, ${f.memory_mb ?? '?'} MB, ${f.timeout_s ?? '?'} s timeout`),
    // No alias `live` but a function: a deploy stopped part-way (Ctrl-C, a failure); running it again finishes it.
    f.version === null
      ? row(c, 'live', c.red(`incomplete deploy: run \`zap deploy ${r.stage}\``))
      : row(c, 'live', `version ${f.version} · ${size(f.code_size_bytes)} · modified ${f.last_modified ?? '?'}`),
    row(c, 'retained', f.versions.length ? `versions ${f.versions.join(', ')}` : 'none'),
    row(c, 'url', f.url ?? c.dim('none')),
    ...formatNetwork(r.network, (label, value) => row(c, label, value), c.dim),
    '',
    ...keepWarm(r, c, now),
    compileCache(r, c),
    '',
    ...coldStarts(r, c, now),
    ...formatTasks(r.tasks ?? [], c),
  ];
  if (r.warnings.length) lines.push('', ...r.warnings.map((w) => `${c.yellow('!')} ${w}`));
  return lines.join('\n');
}

function keepWarm(r: StatusReport, c: Colors, now: number): string[] {
  const k = r.keep_warm;
  if (!k.schedule) return [c.bold('keep-warm') + c.dim('  off')];
  const head = `${c.bold('keep-warm')}  ${k.schedule}${k.rule_state === 'DISABLED' ? c.red(' (disabled)') : ''}, asked ${k.asked}`;
  const span = describeSpan(now - Date.parse(r.cold_starts.since));
  const out = [head];
  if (k.last_tick && k.held !== null) {
    const ok = k.held >= k.asked;
    const held = (ok ? c.green : c.yellow)(`held ${k.held}/${k.asked}`);
    const errors = k.errors ? c.red(`${k.errors} error${k.errors === 1 ? '' : 's'}${k.throttles ? ` (${k.throttles} throttled)` : ''}`) : 'no errors';
    const hold = k.hold_ms === null ? '' : `, hold ${k.hold_ms} ms`;
    out.push(row(c, 'last tick', `${held} at ${k.last_tick} (${ago(now - Date.parse(k.last_tick))} ago), ${k.cold} cold, ${errors}${hold}`));
  } else out.push(row(c, 'last tick', c.yellow(`none in the last ${span}`)));
  const w = k.window;
  out.push(row(c, `last ${span}`.slice(0, 13), `${w.ticks} tick${w.ticks === 1 ? '' : 's'}, ${w.invocations} warm invocation${w.invocations === 1 ? '' : 's'}, ${w.cold} of them cold`));
  const [bill, prices] = describeKeepWarmCost(r.keep_warm_cost);
  out.push(row(c, 'cost', bill), row(c, '', c.dim(prices)));
  return out;
}

function compileCache(r: StatusReport, c: Colors): string {
  const { setting, last_tick } = r.compile_cache;
  if (setting === false) return row(c, 'compile cache', c.dim('off'));
  const tick = last_tick === 'hit' ? c.green('hit') : last_tick === 'miss' ? c.yellow('miss') : last_tick ?? c.dim('unknown (no tick says)');
  return row(c, 'compile cache', `${tick} at the last tick`);
}

function coldStarts(r: StatusReport, c: Colors, now: number): string[] {
  const s = r.cold_starts;
  const span = describeSpan(now - Date.parse(s.since));
  const out = [`${c.bold('cold starts')}  ${c.dim(`last ${span}, keep-warm invocations left out`)}`, row(c, 'invocations', String(s.invocations))];
  const rate = s.rate === null ? '' : ` (${(s.rate * 100).toFixed(s.rate < 0.1 ? 2 : 1)} %)`;
  out.push(row(c, 'cold', `${s.cold ? c.yellow(String(s.cold)) : '0'}${rate}`));
  if (s.cold) out.push(row(c, 'init duration', `p50 ${ms(s.p50_ms)}, p95 ${ms(s.p95_ms)}, max ${ms(s.max_ms)}`));
  if (s.failed) out.push(row(c, 'failed', c.red(`${s.failed} (timeout or runtime error)`)));
  return out;
}
