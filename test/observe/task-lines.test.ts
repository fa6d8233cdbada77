// A scheduled task's one line per run (src/runtime/task.ts), as Lambda's console writes it: `zap tail`
// marks it, `zap status` takes each task's last run from it.
import pc from 'picocolors';
import { parseLine } from '../../src/observe/log-line';
import { formatJson, formatText } from '../../src/observe/tail-format';
import { lastRuns } from '../../src/observe/task-status';
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
