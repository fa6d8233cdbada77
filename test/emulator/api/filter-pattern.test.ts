import { compileFilterPattern } from '../../../src/emulator/logs/filter-pattern';

const m = (pattern: string, message: string) => compileFilterPattern(pattern)(message);

test.each([
  ['', 'anything', true],
  ['ERROR', 'an ERROR here', true],
  ['ERROR', 'an error here', false],
  ['ERROR timeout', 'ERROR: timeout', true],
  ['ERROR timeout', 'ERROR only', false],
  ['"Init Duration"', 'REPORT Init Duration: 3 ms', true],
  ['"Init Duration"', 'Init x Duration', false],
  ['?ERROR ?WARN', 'WARN a', true],
  ['?ERROR ?WARN', 'INFO a', false],
  ['REPORT -keep_warm', 'REPORT x', true],
  ['REPORT -keep_warm', 'REPORT keep_warm', false],
  ['-"keep warm"', 'a keep warm b', false],
  ['%ERR(OR)?%', 'ERR 1', true],
  ['{ $.zap = "keep_warm" }', '{"zap":"keep_warm"}', true],
  ['{ $.zap = "keep_warm" }', '2026-11-23T06:00:00.000Z\tabc\tINFO\t{"zap":"keep_warm"}', true],
  ['{ $.zap = "keep_warm" }', '{"zap":"other"}', false],
  ['{ $.zap = "keep_warm" }', 'not json', false],
  ['{ $.zap = keep* }', '{"zap":"keep_warm"}', true],
  ['{ $.zap != "keep_warm" }', '{"zap":"x"}', true],
  ['{ $.n > 2 && $.cold = true }', '{"n":3,"cold":true}', true],
  ['{ $.n > 2 && $.cold = true }', '{"n":3,"cold":false}', false],
  ['{ ($.a = 1 || $.b = 2) && $.c NOT EXISTS }', '{"b":2}', true],
  ['{ $.a.b[0] = "x" }', '{"a":{"b":["x"]}}', true],
])('%s on %s → %s', (pattern, message, expected) => {
  expect(m(pattern, message)).toBe(expected);
});

test('malformed JSON patterns are refused when compiled', () => {
  expect(() => compileFilterPattern('{ $.zap = ')).toThrow();
  expect(() => compileFilterPattern('{ zap = 1 }')).toThrow();
});
