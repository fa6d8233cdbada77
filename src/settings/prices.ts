// zap.json `prices`: Lambda's rates when the built-in table (src/cost/prices.ts) is not yours.
import { PRICE_NAMES } from '../cost/prices';
import { isPlainObject } from './plain-object';

export const PRICES_KEY = {
  description:
    'Lambda prices in US dollars for the cost figures of `zap status`, `zap deploy --plan` and `zap tune`, when the built-in AWS list prices are not yours ' +
    '(a region they lack, a Savings Plan): any of gb_second, request_per_million, provisioned_gb_second, provisioned_duration_gb_second.',
  schema: { type: 'object', additionalProperties: { type: 'number', minimum: 0 }, propertyNames: { enum: PRICE_NAMES } },
  expected: `an object of prices of 0 or more, e.g. {"gb_second": 0.0000166667}; names: ${PRICE_NAMES.join(', ')}`,
} as const;

/** An unknown price name, said by name (the schema's own propertyNames error does not say which). */
export function pricesProblem(value: unknown): string | undefined {
  if (!isPlainObject(value)) return undefined;
  const unknown = Object.keys(value).filter((k) => !(PRICE_NAMES as readonly string[]).includes(k));
  if (!unknown.length) return undefined;
  return `unknown price ${unknown.map((k) => `"${k}"`).join(', ')}; known: ${PRICE_NAMES.join(', ')}`;
}
