import { invalidParam, validation } from '../errors';

/** A Marker Lambda did not hand out. */
export const badMarker = (marker: string) => invalidParam(`Invalid Marker: ${marker}`);

/** Lambda's MaxItems query parameter: 1..10000, `dflt` when absent. */
export function maxItems(query: URLSearchParams, dflt: number): number {
  const raw = query.get('MaxItems');
  if (raw === null) return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 10000) throw validation('maxItems', raw, 'Member must have value between 1 and 10000');
  return n;
}
