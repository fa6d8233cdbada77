import { randomBytes } from 'node:crypto';

/** Random per process, made at module load: two answers with the same id came from the same container. */
export const containerId: string = randomBytes(6).toString('hex');

let invoked = false;

/** True exactly once per process: on its first invocation, whatever the event. */
export function takeColdFlag(): boolean {
  const cold = !invoked;
  invoked = true;
  return cold;
}
