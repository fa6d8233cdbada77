/**
 * A library that copies the whole environment (nconf's `.env()`, `{ ...process.env }`,
 * `Object.entries(process.env)`) lists the keys and then reads each in that order. Those reads name
 * no variable the app needs, so the boot check must not report every variable of the shell (PIP_CERT,
 * PYENV_ROOT, …) as one the app read. A sweep is the listing's first key read and then the next ones
 * in order with no gap; the first read counts as a read by name until the second confirms the sweep,
 * since a listing used only to filter (debug's DEBUG_* scan) may be followed by reads by name.
 */
export type SweepRead = 'first' | 'next' | 'named';

export function envSweeps(): { listed(keys: readonly (string | symbol)[]): void; read(key: string): SweepRead } {
  let keys: readonly (string | symbol)[] = [];
  let cursor = 0;
  return {
    listed(listing) {
      keys = listing;
      cursor = 0;
    },
    read(key) {
      if (cursor < keys.length && keys[cursor] === key) return cursor++ === 0 ? 'first' : 'next';
      cursor = keys.length;
      return 'named';
    },
  };
}
