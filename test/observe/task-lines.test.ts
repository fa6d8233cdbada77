// A scheduled task's one line per run (src/runtime/task.ts), as Lambda's console writes it: `zap tail`
// marks it, `zap status` takes each task's last run from it.
import pc from 'picocolors';
import { parseLine } from '../../src/observe/log-line';
import { formatJson, formatText } from '../../src/observe/tail-format';
import { formatTasks, lastRuns } from '../../src/observe/task-status';
import { consoleLine, uuid } from './fixtures';

const answer = (task: string, ok: boolean, extra: Record<string, unknown>) => JSON.stringify({ zap: 'task', task, ok, ...extra, duration_ms: 2, cold: false });
const line = (t: number, task: string, ok: boolean, extra: Record<string, unknown> = {}) => ({ timestamp: t, message: consoleLine(new Date(t), uuid(t), 'INFO', answer(task, ok, extra)) });

test('tail marks a task run with its name and result, and says so in --json', () => {
  const ok = line(1, 'cleanup', true, { result: { removed: 3 } });
  const failed = line(2, 'cleanup', false, { error: 'Error: db down' });
  const parsed = (l: typeof ok) => ({ line: parseLine(l.message), timestamp: l.timestamp, message: l.message, warm: false, eventId: '1' }) as Parameters<typeof formatText>[0];
  const plain = pc.createColors(false);
  expect(formatText(parsed(ok), plain)).toMatch(/task cleanup ok in 2 ms: \{"removed":3\}$/);
  expect(formatText(parsed(failed), plain)).toMatch(/task cleanup failed in 2 ms: Error: db down$/);
  expect(JSON.parse(formatJson(parsed(ok)))).toMatchObject({ type: 'app', task: { task: 'cleanup', ok: true, result: { removed: 3 } } });
});

test('status takes the last run of each task, counting runs; other lines with the same words are not runs', () => {
  const runs = lastRuns([line(3, 'a', false), line(1, 'a', true), line(2, 'b', true, { result: 2 }), { timestamp: 4, message: consoleLine(new Date(4), uuid(4), 'INFO', 'zap task duration_ms') }]);
  expect(runs.get('a')).toMatchObject({ at: 3, runs: 2, answer: { ok: false } });
  expect(runs.get('b')).toMatchObject({ at: 2, runs: 1, answer: { ok: true, result: 2 } });
  expect(runs.size).toBe(2);
});

test('status text lists each task with its schedule, runs and last result, and says when a task has no rule yet', () => {
  const plain = pc.createColors(false);
  const lines = formatTasks([
    { name: 'cleanup', function: 'src/jobs.js#cleanup', schedule: 'rate(1 hour)', state: 'ENABLED', runs: 2, last_run: { time: '2026-11-29T20:00:00.000Z', ok: true, result: { removed: 3 }, duration_ms: 4 } },
    { name: 'report', function: 'src/jobs.js#report', schedule: null, state: null, runs: 0, last_run: null },
  ], plain);
  expect(lines).toEqual([
    '',
    'tasks',
    '  cleanup       rate(1 hour) · src/jobs.js#cleanup · 2 runs · last ok at 2026-11-29T20:00:00.000Z in 4 ms: {"removed":3}',
    '  report        no rule: run zap deploy · src/jobs.js#report · 0 runs · last no run in the window',
  ]);
});
