// The adaptive keep-warm hold: sized from N, then from what each tick showed, within its bounds.
import { ceilingMs, COST_BOUND_HOLD_MS, holdForTick, MIN_HOLD_MS, nextHoldMs, rememberHold, spreadOf, startHoldMs } from '../../src/runtime/hold';

test('the first guess grows with N: 515 ms for 3 containers, 1 s for 100', () => {
  expect(startHoldMs(3)).toBe(515);
  expect(startHoldMs(100)).toBe(1000);
});

test('the ceiling is the cost bound, or half of what the leader has left less a second', () => {
  expect(ceilingMs(undefined)).toBe(COST_BOUND_HOLD_MS);
  expect(ceilingMs(30_000)).toBe(COST_BOUND_HOLD_MS);
  expect(ceilingMs(3_000)).toBe(1_000);
  expect(ceilingMs(100)).toBe(MIN_HOLD_MS);
});

test('short of containers: at least double, and at least 1.5 × the start spread + 50 ms', () => {
  expect(nextHoldMs({ holdMs: 500, asked: 100, held: 90, spreadMs: 200 }, 5000)).toBe(1000);
  expect(nextHoldMs({ holdMs: 500, asked: 100, held: 90, spreadMs: 1000 }, 5000)).toBe(1550);
  expect(nextHoldMs({ holdMs: 4000, asked: 100, held: 99, spreadMs: 1000 }, 5000)).toBe(5000);
  expect(nextHoldMs({ holdMs: 8000, asked: 100, held: 99, spreadMs: 1000 }, ceilingMs(30_000))).toBe(COST_BOUND_HOLD_MS);
});

test('all held: a quarter shorter, never below the spread seen nor the floor', () => {
  expect(nextHoldMs({ holdMs: 2000, asked: 100, held: 100, spreadMs: 300 }, 5000)).toBe(1500);
  expect(nextHoldMs({ holdMs: 600, asked: 100, held: 100, spreadMs: 300 }, 5000)).toBe(500);
  expect(nextHoldMs({ holdMs: 210, asked: 3, held: 3, spreadMs: 4 }, 5000)).toBe(MIN_HOLD_MS);
});

test('all held at the first tick after a deploy, most followers cold: the hold is kept, not shortened on the few warm ones', () => {
  // 100 asked, 3 warm starts measured 99 ms apart: what 100 warm calls take is unknown.
  expect(nextHoldMs({ holdMs: 1000, asked: 100, held: 100, spreadMs: 99, measured: 4 }, 5000)).toBe(1000);
  // Half or more measured: shortened as before.
  expect(nextHoldMs({ holdMs: 1000, asked: 100, held: 100, spreadMs: 99, measured: 50 }, 5000)).toBe(750);
});

test("a container's memory of the fleet's hold serves the same N; another N starts from its guess", () => {
  expect(holdForTick(10, 5000)).toBe(startHoldMs(10));
  rememberHold(10, 1234);
  expect(holdForTick(10, 5000)).toBe(1234);
  expect(holdForTick(10, 1000)).toBe(1000);
  expect(holdForTick(20, 5000)).toBe(startHoldMs(20));
});

test('spread: latest start minus earliest, none with fewer than two', () => {
  expect(spreadOf([])).toBeUndefined();
  expect(spreadOf([5])).toBeUndefined();
  expect(spreadOf([30, 10, 25])).toBe(20);
});
