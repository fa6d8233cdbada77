import { percentile } from '../../src/observe/percentile';
import { describeSpan, parseSince } from '../../src/observe/since';

describe('percentile (nearest rank)', () => {
  it('answers an observed value: sorted[ceil(p/100 × n) − 1]', () => {
    const v = [15, 20, 35, 40, 50];
    expect(percentile(v, 5)).toBe(15);
    expect(percentile(v, 30)).toBe(20);
    expect(percentile(v, 40)).toBe(20);
    expect(percentile(v, 50)).toBe(35);
    expect(percentile(v, 100)).toBe(50);
    expect(percentile([3, 1, 2], 50)).toBe(2);
  });

  it('p95 of 1..100 is 95, of 1..10 is 10; one value is every percentile', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(Array.from({ length: 10 }, (_, i) => i + 1), 95)).toBe(10);
    expect(percentile([7], 50)).toBe(7);
    expect(percentile([7], 95)).toBe(7);
  });

  it('has no value for no values and refuses p outside (0, 100]', () => {
    expect(percentile([], 50)).toBeUndefined();
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe('parseSince', () => {
  const now = Date.parse('2026-11-23T06:00:00Z');
  it('takes durations back from now and ISO times', () => {
    expect(parseSince('10m', now)).toBe(now - 600_000);
    expect(parseSince('2h', now)).toBe(now - 7_200_000);
    expect(parseSince('1d', now)).toBe(now - 86_400_000);
    expect(parseSince('90s', now)).toBe(now - 90_000);
    expect(parseSince('2026-11-23T05:00:00Z', now)).toBe(now - 3_600_000);
  });
  it('refuses anything else with the accepted forms', () => {
    expect(() => parseSince('yesterday', now)).toThrow(/expected a duration such as 10m/);
    expect(() => parseSince('10', now)).toThrow(/--since/);
    expect(() => parseSince('2027-01-01T00:00:00Z', now)).toThrow(/future/);
  });
  it('describes a window in words', () => {
    expect(describeSpan(86_400_000)).toBe('24 hours');
    expect(describeSpan(7 * 86_400_000)).toBe('7 days');
    expect(describeSpan(2 * 3_600_000)).toBe('2 hours');
    expect(describeSpan(600_000)).toBe('10 minutes');
    expect(describeSpan(90_000)).toBe('90 seconds');
    expect(describeSpan(90_500)).toBe('1.5 minutes');
  });
});
