import pc from 'picocolors';
import { formatJson, formatText } from '../../src/observe/tail-format';
import { WarmFilter, type Parsed } from '../../src/observe/warm-filter';
import { consoleLine as formatLine, event, follower, invocation, leader, uuid } from './fixtures';

const plain = pc.createColors(false);
const text = (ps: Parsed[]) => ps.map((p) => formatText(p, plain)).filter((l): l is string => l !== undefined).map((l) => l.replace(/^\S+ /, ''));

/** A tick (leader + follower, the follower cold), a user request, a cold user request. */
function traffic() {
  return [
    ...invocation({ id: uuid(1), at: 1000, warm: leader(2, 2, { cold_containers: 1 }) }),
    ...invocation({ id: uuid(2), at: 1001, initMs: 150, warm: follower(uuid(1)) }),
    ...invocation({ id: uuid(3), at: 2000, lines: ['GET /'] }),
    ...invocation({ id: uuid(4), at: 3000, initMs: 212.4, lines: ['GET /slow'] }),
  ].sort((a, b) => a.timestamp - b.timestamp);
}

const run = (f: WarmFilter, events: ReturnType<typeof traffic>) => [...events.flatMap((e) => f.push(e)), ...f.flush()];

describe('WarmFilter + formatText', () => {
  it('hides keep-warm invocations, START to REPORT, and marks the cold start', () => {
    const out = text(run(new WarmFilter(false), traffic()));
    expect(out).toEqual([
      '00000003 START version 3',
      '00000003 INFO  GET /',
      '00000003 REPORT 12.4 ms (billed 13 ms) · 80/512 MB',
      '00000004 START version 3',
      '00000004 INFO  GET /slow',
      '00000004 REPORT 12.4 ms (billed 13 ms) · 80/512 MB COLD 212 ms init',
    ]);
  });

  it('--warm shows them, each START held until its request says it is warm', () => {
    const out = text(run(new WarmFilter(true), traffic()));
    expect(out.slice(0, 6)).toEqual([
      '00000001 warm START version 3',
      '00000001 warm keep-warm leader: held 2/2, 1 cold; container c-00000001-1111-2222-3333-444455556666',
      '00000002 warm START version 3',
      '00000002 warm keep-warm follower, container c-00000002-1111-2222-3333-444455556666 (cold)',
      '00000001 warm REPORT 12.4 ms (billed 13 ms) · 80/512 MB',
      '00000002 warm REPORT 12.4 ms (billed 13 ms) · 80/512 MB COLD 150 ms init',
    ]);
    expect(out.slice(6).every((l) => !l.includes('warm'))).toBe(true);
    expect(out).toHaveLength(12);
  });

  it('a START whose warm line comes in a later batch is still hidden', () => {
    const f = new WarmFilter(false);
    const [start, ...rest] = invocation({ id: uuid(9), at: 5000, warm: follower(uuid(1)) });
    expect(f.push(start!)).toEqual([]);
    expect(rest.flatMap((e) => f.push(e))).toEqual([]);
    expect(f.flush()).toEqual([]);
  });

  it('a request that printed nothing yet still shows its START at the end of a one-shot tail', () => {
    const f = new WarmFilter(false);
    const [start] = invocation({ id: uuid(7), at: 5000 });
    expect(f.push(start!)).toEqual([]);
    expect(text(f.flush())).toEqual(['00000007 START version 3']);
  });

  it('with a --filter (no held STARTs) a request known warm stays hidden', () => {
    const f = new WarmFilter(false, false);
    f.noteWarm(uuid(1), 1000);
    const out = text(traffic().flatMap((e) => f.push(e)));
    expect(out.some((l) => l.startsWith('00000001'))).toBe(false);
    expect(out).toContain('00000003 START version 3');
  });

  it('prints timeouts and errors, and indents a stack trace', () => {
    const f = new WarmFilter(false);
    const events = [
      ...invocation({ id: uuid(5), at: 100, status: 'timeout' }),
      event(200, formatLine(new Date(200), uuid(6), 'ERROR', 'Error: boom\n    at handler (index.js:1:1)')),
    ];
    const out = text(run(f, events));
    expect(out).toContain('00000005 TIMEOUT Task timed out after 3.00 seconds');
    expect(out).toContain('00000005 REPORT 12.4 ms (billed 13 ms) · 80/512 MB TIMEOUT');
    expect(out).toContain('00000006 ERROR Error: boom\n        at handler (index.js:1:1)');
  });

  it('--json writes one object per line with the figures', () => {
    const out = run(new WarmFilter(false), traffic()).map(formatJson).map((l) => JSON.parse(l));
    const cold = out.find((o) => o.type === 'report' && o.cold);
    expect(cold).toMatchObject({ request_id: uuid(4), init_ms: 212.4, duration_ms: 12.35, warm: false, stream: 'stream-a' });
    expect(out.filter((o) => o.type === 'end')).toHaveLength(2);
    expect(out.every((o) => typeof o.event_id === 'string' && typeof o.time === 'string')).toBe(true);
  });

  it('colours levels and cold starts only when asked', () => {
    const on = pc.createColors(true);
    const [p] = new WarmFilter(true).push(invocation({ id: uuid(4), at: 0, initMs: 200 }).at(-1)!);
    expect(formatText(p!, on)).toContain('\x1b[33mCOLD 200 ms init');
    expect(formatText(p!, plain)).not.toContain('\x1b[');
  });
});
