import { parseHandler } from '../../../src/emulator/container/bootstrap-handler';
import { formatLine } from '../../../src/emulator/container/bootstrap-console';

test('handler names split like Lambda', () => {
  expect(parseHandler('index.handler')).toEqual({ modulePath: 'index', exportPath: ['handler'] });
  expect(parseHandler('lib/app.v1.handler')).toEqual({ modulePath: 'lib/app', exportPath: ['v1', 'handler'] });
  expect(parseHandler('a.b/c.run')).toEqual({ modulePath: 'a.b/c', exportPath: ['run'] });
  expect(() => parseHandler('index')).toThrow('Bad handler index');
});

test('console lines carry time, request id and level; newlines travel as \\r', () => {
  const at = new Date('2026-01-01T00:00:00.000Z');
  expect(formatLine(at, 'req-1', 'INFO', 'a\nb')).toBe('2026-01-01T00:00:00.000Z\treq-1\tINFO\ta\rb\n');
  expect(formatLine(at, undefined, 'WARN', 'x')).toBe('2026-01-01T00:00:00.000Z\tundefined\tWARN\tx\n');
});
