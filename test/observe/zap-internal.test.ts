// Deploy's compile-cache request is zap's own: it announces itself with {"zap":"compile_cache",...}
// first, and tail and status leave it out by that line, not by where it ran.
import { WarmFilter } from '../../src/observe/warm-filter';
import { figures } from '../../src/observe/figures';
import { invocation, uuid } from './fixtures';

const marker = JSON.stringify({ zap: 'compile_cache', runtime: { node: 'v24.21.0', arch: 'arm64' } });

function traffic() {
  return [
    // zap's compile-cache request: cold, logs its marker, then the app's own line from the warm-up GET /.
    ...invocation({ id: uuid(1), at: 1000, initMs: 90, lines: [marker, 'GET /'] }),
    // A person's request, cold too.
    ...invocation({ id: uuid(2), at: 2000, initMs: 120, lines: ['GET /users/1'] }),
  ];
}

test('tail hides the compile-cache request unless --warm, and shows every request of a person', () => {
  const shown = (f: WarmFilter) => [...traffic().flatMap((e) => f.push(e)), ...f.flush()];
  const plain = shown(new WarmFilter(false));
  expect(new Set(plain.map((p) => p.line.requestId))).toEqual(new Set([uuid(2)]));
  const all = shown(new WarmFilter(true));
  expect(all.filter((p) => p.line.requestId === uuid(1)).every((p) => p.warm)).toBe(true);
  expect(all.some((p) => p.line.requestId === uuid(1) && p.line.kind === 'report')).toBe(true);
});

test("status counts a person's cold start but not the compile-cache request's", () => {
  const f = figures(traffic(), 0);
  expect(f.coldStarts).toMatchObject({ invocations: 1, cold: 1, max_ms: 120 });
  expect(f.warm).toEqual({ ticks: 0, invocations: 0, cold: 0, billed_ms: 0 });
});
