// Lines as Lambda writes them (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html),
// written out here rather than made by the emulator's formatter.
import { parseLine } from '../../src/observe/log-line';
import { consoleLine as formatLine, uuid } from './fixtures';

const id = uuid(1);

describe('parseLine', () => {
  it('reads START, END and a warm REPORT as Lambda writes them', () => {
    expect(parseLine(`START RequestId: ${id} Version: 7\n`)).toEqual({ kind: 'start', requestId: id, version: '7' });
    expect(parseLine(`START RequestId: ${id} Version: $LATEST\n`)).toEqual({ kind: 'start', requestId: id, version: '$LATEST' });
    expect(parseLine(`END RequestId: ${id}\n`)).toEqual({ kind: 'end', requestId: id });
    expect(parseLine(`REPORT RequestId: ${id}\tDuration: 12.35 ms\tBilled Duration: 13 ms\tMemory Size: 512 MB\tMax Memory Used: 80 MB\t\n`)).toEqual({
      kind: 'report', requestId: id, durationMs: 12.35, billedMs: 13, memorySizeMb: 512, maxMemoryMb: 80,
    });
  });

  it('reads Init Duration on a cold start and the status of a failed invocation', () => {
    const r = parseLine(`REPORT RequestId: ${id}\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\tInit Duration: 212.40 ms\tStatus: timeout\t\n`);
    expect(r).toMatchObject({ kind: 'report', initMs: 212.4, status: 'timeout', durationMs: 3000 });
  });

  it('reads a REPORT written by real Lambda (no trailing tab, XRAY fields)', () => {
    const m = `REPORT RequestId: ${id}\tDuration: 1.50 ms\tBilled Duration: 2 ms\tMemory Size: 1024 MB\tMax Memory Used: 70 MB\tInit Duration: 180.01 ms\t\nXRAY TraceId: 1-abc\tSegmentId: 1\tSampled: true\n`;
    expect(parseLine(m)).toMatchObject({ kind: 'report', requestId: id, initMs: 180.01, memorySizeMb: 1024 });
  });

  it("reads the example invocation in AWS's Node.js logging guide", () => {
    const docs = 'c793869b-ee49-115b-a5b6-4fd21e8dedac';
    expect(parseLine(`START RequestId: ${docs} Version: $LATEST\n`)).toEqual({ kind: 'start', requestId: docs, version: '$LATEST' });
    expect(parseLine(`2019-06-07T19:11:20.564Z\t${docs}\tWARN\tEvent not processed.\n`)).toEqual({ kind: 'app', requestId: docs, level: 'WARN', text: 'Event not processed.' });
    expect(parseLine(`END RequestId: ${docs}\n`)).toEqual({ kind: 'end', requestId: docs });
    const report = `REPORT RequestId: ${docs}\tDuration: 170.19 ms\tBilled Duration: 200 ms\tMemory Size: 128 MB\tMax Memory Used: 73 MB\tInit Duration: 166.62 ms\t\nXRAY TraceId: 1-5d9d007f-0a8c7fd02xmpl480aed55ef0\tSegmentId: 3d752xmpl1bbe37e\tSampled: true\n`;
    expect(parseLine(report)).toEqual({ kind: 'report', requestId: docs, durationMs: 170.19, billedMs: 200, memorySizeMb: 128, maxMemoryMb: 73, initMs: 166.62 });
  });

  it('reads timeouts and runtime exits', () => {
    expect(parseLine(`2026-11-23T06:00:03.012Z ${id} Task timed out after 3.00 seconds\n`)).toEqual({ kind: 'timeout', requestId: id, seconds: 3 });
    expect(parseLine(`RequestId: ${id} Error: Runtime exited with error: exit status 1\n`)).toEqual({ kind: 'runtime_error', requestId: id, text: 'Runtime exited with error: exit status 1' });
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
