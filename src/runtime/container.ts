/**
 * Random per process, made at module load: two answers with the same id came from the same container.
 * Math.random, not node:crypto: the id is a label, not a secret, and loading crypto adds ~10 ms to
 * every cold start of index.js (measured by bench/rows/warm-ping.mjs).
 */
export const containerId: string = Array.from({ length: 12 }, () => Math.floor(Math.random() * 16).toString(16)).join('');

let invoked = false;

/** True exactly once per process: on its first invocation, whatever the event. */
export function takeColdFlag(): boolean {
  const cold = !invoked;
  invoked = true;
  return cold;
}
