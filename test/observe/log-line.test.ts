import { endLine, reportLine, runtimeExitMessage, startLine, timeoutMessage } from '../../src/emulator/container/log-format';
import { formatLine } from '../../src/emulator/container/bootstrap-console';
import { parseLine } from '../../src/observe/log-line';
import { uuid } from './fixtures';

const id = uuid(1);

describe('parseLine', () => {
  it('reads START, END and a warm REPORT as Lambda writes them', () => {
    expect(parseLine(startLine(id, '7'))).toEqual({ kind: 'start', requestId: id, version: '7' });
    expect(parseLine(startLine(id, '$LATEST'))).toEqual({ kind: 'start', requestId: id, version: '$LATEST' });
    expect(parseLine(endLine(id))).toEqual({ kind: 'end', requestId: id });
    expect(parseLine(reportLine({ requestId: id, durationMs: 12.345, memorySizeMb: 512, maxMemoryUsedMb: 80 }))).toEqual({
      kind: 'report', requestId: id, durationMs: 12.35, billedMs: 13, memorySizeMb: 512, maxMemoryMb: 80,
    });
  });

  it('reads Init Duration on a cold start and the status of a failed invocation', () => {
    const r = parseLine(reportLine({ requestId: id, durationMs: 3000, memorySizeMb: 128, maxMemoryUsedMb: 60, initDurationMs: 212.4, status: 'timeout' }));
    expect(r).toMatchObject({ kind: 'report', initMs: 212.4, status: 'timeout', durationMs: 3000 });
  });

  it('reads a REPORT written by real Lambda (no trailing tab, XRAY fields)', () => {
    const m = `REPORT RequestId: ${id}\tDuration: 1.50 ms\tBilled Duration: 2 ms\tMemory Size: 1024 MB\tMax Memory Used: 70 MB\tInit Duration: 180.01 ms\t\nXRAY TraceId: 1-abc\tSegmentId: 1\tSampled: true\n`;
    expect(parseLine(m)).toMatchObject({ kind: 'report', requestId: id, initMs: 180.01, memorySizeMb: 1024 });
  });

  it('reads timeouts and runtime exits', () => {
    expect(parseLine(timeoutMessage(id, 3) + '\n')).toEqual({ kind: 'timeout', requestId: id, seconds: 3 });
    expect(parseLine(runtimeExitMessage(id, 1, null) + '\n')).toEqual({ kind: 'runtime_error', requestId: id, text: 'Runtime exited with error: exit status 1' });
  });

  it('reads console lines with their level, and recognises the keep-warm line', () => {
    const at = new Date('2026-11-23T06:00:00.000Z');
    expect(parseLine(formatLine(at, id, 'WARN', 'careful'))).toEqual({ kind: 'app', requestId: id, level: 'WARN', text: 'careful' });
    const warm = parseLine(formatLine(at, id, 'INFO', JSON.stringify({ zap: 'keep_warm', role: 'leader', container: 'c1', cold: false, app_ready: true, asked: 2, held: 2 })));
    expect(warm).toMatchObject({ kind: 'app', requestId: id, warm: { role: 'leader', asked: 2, held: 2 } });
  });

  it('does not take an app line that merely mentions keep_warm for a warm line', () => {
    const at = new Date();
    expect(parseLine(formatLine(at, id, 'INFO', 'the keep_warm setting is 2'))).not.toHaveProperty('warm');
    expect(parseLine(formatLine(at, id, 'INFO', '{"zap":"keep_warm"'))).not.toHaveProperty('warm');
  });

  it('keeps init-time lines (no request id) and anything else as text', () => {
    expect(parseLine(formatLine(new Date(), undefined, 'INFO', 'booting'))).toEqual({ kind: 'app', requestId: undefined, level: 'INFO', text: 'booting' });
    expect(parseLine('INIT_START Runtime Version: nodejs:22.v9\n')).toEqual({ kind: 'other', text: 'INIT_START Runtime Version: nodejs:22.v9' });
  });
});
