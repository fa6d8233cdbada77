import { InvalidArgumentError } from 'commander';

/** A whole number in min..max, for flags such as --port; commander reports a bad one (one line, exit 2). */
export function wholeNumber(min: number, max: number) {
  return (v: string): number => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`Expected a whole number from ${min} to ${max}.`);
    return n;
  };
}

/** A number above zero (a fraction is fine), for flags such as --time-scale. */
export function positiveNumber() {
  return (v: string): number => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('Expected a number above 0, e.g. 1 or 0.5.');
    return n;
  };
}

/** A number of seconds, 0 or more (fractions are fine: the bench reclaims after 0.3 s). */
export function seconds() {
  return (v: string): number => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('Expected a number of seconds, 0 or more.');
    return n;
  };
}
