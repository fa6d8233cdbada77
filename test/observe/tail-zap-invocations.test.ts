// `zap tail` leaves out every line of zap's own invocations (keep-warm pings, the compile-cache
// request): START to REPORT, the app's boot output inside them (console lines and raw stdout
// writes) and a new container's INIT_START; and prints what it shows in time order. Lines are
// written out from AWS's documented formats (fixtures.ts), never with the emulator's formatter.
import pc from 'picocolors';
import type { AwsClients } from '../../src/aws/clients';
import type { StageSettings } from '../../src/settings/types';
import { runTail } from '../../src/observe/tail';
import { formatText } from '../../src/observe/tail-format';
import { WarmFilter, type Parsed } from '../../src/observe/warm-filter';
import type { LogEvent } from '../../src/observe/follow';
import { consoleLine, endLine, event, follower, initStartLine, leader, rawLine, startLine, uuid } from './fixtures';

const plain = pc.createColors(false);
/** Text lines without the local time of day, which depends on the machine's zone. */
const text = (ps: Parsed[]) => ps.map((p) => formatText(p, plain)).filter((l): l is string => l !== undefined).map((l) => l.replace(/^\S+ /, ''));
const report = (id: string, init?: number) => `REPORT RequestId: ${id}\tDuration: 12.35 ms\tBilled Duration: 13 ms\tMemory Size: 512 MB\tMax Memory Used: 80 MB\t${init ? `Init Duration: ${init.toFixed(2)} ms\t` : ''}\n`;
const info = (t: number, id: string, msg: string) => consoleLine(new Date(t), id, 'INFO', msg);

/**
 * A keep-warm tick on two containers while a person's request runs on a third. The follower is a
 * new container: INIT_START, then the app boots while priming (a console line and a raw stdout
 * write, e.g. a logger), and only then its one keep_warm line. Each stream is one container.
 */
function tick(): LogEvent[] {
  const [L, F, U] = [uuid(1), uuid(2), uuid(3)];
  return [
    event(1000, startLine(L, '3'), 'leader'),
    event(1001, info(1001, L, 'connecting to the database'), 'leader'),
    event(1002, initStartLine(), 'follower'),
    event(1003, startLine(F, '3'), 'follower'),
    event(1004, info(1004, F, 'app booting: connecting to the database'), 'follower'),
    event(1005, startLine(U, '3'), 'user'),
    event(1006, rawLine('{"level":30,"msg":"server ready"}'), 'follower'),
    event(1007, rawLine('GET /users/1 200 3.1 ms'), 'user'),
    event(1008, info(1008, U, 'looked up user 1'), 'user'),
    event(1009, endLine(U), 'user'),
    event(1010, report(U), 'user'),
    event(1200, info(1200, F, JSON.stringify({ zap: 'keep_warm', container: 'c-f', cold: true, app_ready: true, ...follower(L) })), 'follower'),
    event(1201, endLine(F), 'follower'),
    event(1202, report(F, 150), 'follower'),
    event(1300, info(1300, L, JSON.stringify({ zap: 'keep_warm', container: 'c-l', cold: false, app_ready: true, ...leader(2, 2) })), 'leader'),
    event(1301, endLine(L), 'leader'),
    event(1302, report(L), 'leader'),
  ];
}

const run = (f: WarmFilter, events: LogEvent[]) => [...events.flatMap((e) => f.push(e)), ...f.flush()];

test("a keep-warm tick leaves nothing in tail: not its STARTs, not the app's boot output, not the new container's INIT_START", () => {
  const shown = run(new WarmFilter(false), tick());
  expect(text(shown)).toEqual([
    '00000003 START version 3',
    '-------- GET /users/1 200 3.1 ms',
    '00000003 INFO  looked up user 1',
    '00000003 REPORT 12.4 ms (billed 13 ms) · 80/512 MB',
  ]);
});

test('--warm shows every line of the tick, each marked warm', () => {
  const shown = run(new WarmFilter(true), tick());
  const warm = shown.filter((p) => p.warm);
  expect(warm).toHaveLength(12);
  expect(warm.map((p) => p.message)).toEqual(expect.arrayContaining([initStartLine(), rawLine('{"level":30,"msg":"server ready"}')]));
  expect(shown.filter((p) => !p.warm)).toHaveLength(5);
});

test("the compile-cache request's boot output, raw writes included, is hidden with it", () => {
  const id = uuid(5);
  const events = [
    event(1, initStartLine(), 's'),
    event(2, startLine(id, '$LATEST'), 's'),
    event(3, info(3, id, JSON.stringify({ zap: 'compile_cache', runtime: { node: 'v24.21.0', arch: 'arm64' } })), 's'),
    event(4, rawLine('listening on 3000'), 's'),
    event(5, endLine(id), 's'),
    event(6, report(id, 90), 's'),
  ];
  expect(run(new WarmFilter(false), events)).toEqual([]);
});

/** A fake log group: FilterLogEvents answers what has "arrived" by the nth read; the clock moves with the reads. */
function fakeLogs(arrivals: { at: number; events: LogEvent[] }[]) {
  let reads = 0;
  let clock = 0;
  const arrived: LogEvent[] = [];
  const send = async (cmd: { input: { startTime?: number } }) => {
    const next = arrivals[reads++];
    if (next) {
      clock = next.at;
      arrived.push(...next.events);
    }
    return { events: arrived.filter((e) => e.timestamp >= (cmd.input.startTime ?? 0)) };
  };
  return { clients: { logs: { send } } as unknown as AwsClients, now: () => clock, reads: () => reads };
}

const settings = { project_name: 'shop', stage: 'dev' } as StageSettings;

/** A one-shot `zap tail --json`. */
async function tailOnce(logs: ReturnType<typeof fakeLogs>) {
  const out: string[] = [];
  await runTail(logs.clients, settings, {
    since: 0, follow: false, warm: false, json: true, color: plain, note: () => undefined, now: logs.now,
    out: (l) => {
      out.push(l);
    },
  });
  return out.map((l) => JSON.parse(l) as { time: string; request_id?: string; type: string; message?: string });
}

test('one-shot tail prints in time order across containers, though held STARTs are decided late', async () => {
  const [A, B] = [uuid(10), uuid(11)];
  // A's START waits until A says whose it is (at 1012); B, on another container, starts and logs in between.
  const events = [
    event(1000, startLine(A, '3'), 'a'),
    event(1010, startLine(B, '3'), 'b'),
    event(1011, info(1011, B, 'b says hi'), 'b'),
    event(1012, info(1012, A, 'a says hi'), 'a'),
    event(1013, report(B), 'b'),
    event(1014, report(A), 'a'),
  ];
  const lines = await tailOnce(fakeLogs([{ at: 2000, events }]));
  const times = lines.map((l) => Date.parse(l.time));
  expect(times).toEqual([...times].sort((x, y) => x - y));
  expect(lines.map((l) => `${l.request_id?.slice(0, 8)} ${l.type}`)).toEqual([
    '00000010 start', '00000011 start', '00000011 app', '00000010 app', '00000011 report', '00000010 report',
  ]);
});

test('--follow holds lines briefly, so a container whose lines CloudWatch returns late still comes out in time order', async () => {
  const [A, B, W] = [uuid(20), uuid(21), uuid(22)];
  const logs = fakeLogs([
    // First read at 10.003 s: A's whole request, and a keep-warm ping still priming (undecided).
    { at: 10_003, events: [event(10_000, startLine(A, '3'), 'a'), event(10_001, info(10_001, A, 'a'), 'a'), event(10_002, report(A), 'a'), event(10_001, startLine(W, '3'), 'w'), event(10_002, info(10_002, W, 'booting'), 'w')] },
    // Second read: B's request, on another container, readable only now though it ran before A.
    { at: 10_500, events: [event(9_500, startLine(B, '3'), 'b'), event(9_501, info(9_501, B, 'b'), 'b'), event(9_502, report(B), 'b')] },
    // The ping says what it is; later reads let the hold window pass.
    { at: 11_000, events: [event(10_900, info(10_900, W, JSON.stringify({ zap: 'keep_warm', container: 'c-w', cold: false, app_ready: true, ...follower(A) })), 'w'), event(10_901, report(W), 'w')] },
    { at: 13_000, events: [] },
  ]);
  const out: string[] = [];
  const stop = new AbortController();
  await runTail(logs.clients, settings, {
    since: 0, follow: true, warm: false, json: true, color: plain, intervalMs: 1, signal: stop.signal, note: () => undefined, now: logs.now,
    out: (l) => {
      out.push(l);
      if (out.length === 6) stop.abort();
    },
  });
  const lines = out.map((l) => JSON.parse(l) as { time: string; request_id: string; type: string });
  expect(lines.map((l) => `${l.request_id.slice(0, 8)} ${l.type}`)).toEqual([
    '00000021 start', '00000021 app', '00000021 report', '00000020 start', '00000020 app', '00000020 report',
  ]);
  // Nothing was printed before the hold window had passed the late lines' time.
  expect(logs.reads()).toBeGreaterThanOrEqual(4);
});

test('--follow shows a long request of a person once it has run past the decision window, without waiting for its end', async () => {
  const L = uuid(30);
  const logs = fakeLogs([
    { at: 1_000, events: [event(1_000, startLine(L, '3'), 'a'), event(1_001, info(1_001, L, 'working…'), 'a')] },
    { at: 12_000, events: [] },
  ]);
  const out: string[] = [];
  const stop = new AbortController();
  await runTail(logs.clients, settings, {
    since: 0, follow: true, warm: false, json: true, color: plain, intervalMs: 1, signal: stop.signal, note: () => undefined, now: logs.now,
    out: (l) => {
      out.push(l);
      if (out.length === 2) stop.abort();
    },
  });
  expect(out.map((l) => JSON.parse(l).type)).toEqual(['start', 'app']);
  expect(logs.reads()).toBe(2);
});
