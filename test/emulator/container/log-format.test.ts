import {
  billedDurationMs, endLine, exitDescription, logStreamName, logTail, reportLine, runtimeExitMessage, startLine,
  timeoutMessage, traceId,
} from '../../../src/emulator/container/log-format';

const id = '8f507cfc-1234-4697-b07a-ac58fc914c95';

test('START and END lines', () => {
  expect(startLine(id, '$LATEST')).toBe(`START RequestId: ${id} Version: $LATEST\n`);
  expect(endLine(id)).toBe(`END RequestId: ${id}\n`);
});

test('REPORT line: tabs, trailing tab, Init Duration only when given', () => {
  const warm = reportLine({ requestId: id, durationMs: 12.345, memorySizeMb: 512, maxMemoryUsedMb: 80 });
  expect(warm).toBe(
    `REPORT RequestId: ${id}\tDuration: 12.35 ms\tBilled Duration: 13 ms\tMemory Size: 512 MB\tMax Memory Used: 80 MB\t\n`,
  );
  const cold = reportLine({ requestId: id, durationMs: 3.2, memorySizeMb: 128, maxMemoryUsedMb: 71, initDurationMs: 116.666 });
  expect(cold).toBe(
    `REPORT RequestId: ${id}\tDuration: 3.20 ms\tBilled Duration: 4 ms\tMemory Size: 128 MB\tMax Memory Used: 71 MB\tInit Duration: 116.67 ms\t\n`,
  );
  const failed = reportLine({
    requestId: id, durationMs: 1, memorySizeMb: 128, maxMemoryUsedMb: 1, status: 'error', errorType: 'Runtime.ExitError',
  });
  expect(failed.endsWith('\tStatus: error\tError Type: Runtime.ExitError\t\n')).toBe(true);
});

test('billed duration rounds up to the millisecond', () => {
  expect(billedDurationMs(12.01)).toBe(13);
  expect(billedDurationMs(12)).toBe(12);
  expect(billedDurationMs(0.2)).toBe(1);
});

test('log stream name as Lambda names it', () => {
  const at = new Date('2026-01-02T03:04:05Z');
  expect(logStreamName('$LATEST', at, 'ab'.repeat(16))).toBe(`2026/01/02/[$LATEST]${'ab'.repeat(16)}`);
  expect(logStreamName('3')).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[3\][0-9a-f]{32}$/);
});

test('timeout and exit wording', () => {
  const at = new Date('2026-01-02T03:04:05.000Z');
  expect(timeoutMessage(id, 3, at)).toBe(`2026-01-02T03:04:05.000Z ${id} Task timed out after 3.00 seconds`);
  expect(exitDescription(1, null)).toBe('exit status 1');
  expect(exitDescription(null, 'SIGKILL')).toBe('signal: killed');
  expect(exitDescription(null, 'SIGABRT')).toBe('signal: aborted');
  expect(runtimeExitMessage(id, 1, null)).toBe(`RequestId: ${id} Error: Runtime exited with error: exit status 1`);
});

test('trace id has the X-Ray shape', () => {
  expect(traceId(0)).toMatch(/^Root=1-00000000-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/);
});

test('log tail keeps the last 4 KB on a character boundary', () => {
  expect(logTail('short')).toBe('short');
  const long = 'é'.repeat(3000) + 'end';
  const tail = logTail(long);
  expect(Buffer.byteLength(tail)).toBeLessThanOrEqual(4096);
  expect(tail.endsWith('end')).toBe(true);
  expect(tail.includes('\uFFFD')).toBe(false);
});
