/**
 * A Lambda container is one process serving one invocation at a time, and Lambda starts more
 * containers itself. An app written for `cluster` (`if (cluster.isPrimary) fork workers else
 * app.listen()`, throng, the pm2-less production template) would, as the primary, fork copies of
 * the runtime that listen on nothing and compete for invocations, and the function would answer no
 * request. So the process the app runs in is its own cluster worker: `isPrimary`/`isMaster` false,
 * `isWorker` true, `cluster.worker.id` 1; the app takes its worker branch and its listen() is captured.
 */
import cluster from 'node:cluster';
import { syncBuiltinESMExports } from 'node:module';

type Writable = { isPrimary: boolean; isMaster: boolean; isWorker: boolean; worker?: unknown };

export function becomeClusterWorker(): void {
  const c = cluster as unknown as Writable;
  if (c.isWorker) return;
  // cluster.Worker with the process itself: what Node gives a forked worker (id, process, events).
  // Node exports cluster.Worker; @types/node leaves it out.
  const { Worker } = cluster as unknown as { Worker: new (options: { id: number; process: NodeJS.Process; state: string }) => unknown };
  c.worker = new Worker({ id: 1, process, state: 'online' });
  // A worker talks to its primary with process.send (Node's own cluster example counts requests so); here there is none to hear it.
  const p = process as { send?: (message: unknown, ...rest: unknown[]) => boolean };
  if (typeof p.send !== 'function') {
    p.send = (_message, ...rest) => {
      const cb = rest.find((r) => typeof r === 'function') as ((err: null) => void) | undefined;
      if (cb) process.nextTick(cb, null);
      return true;
    };
  }
  c.isPrimary = false;
  c.isMaster = false;
  c.isWorker = true;
  // `import { isPrimary } from 'node:cluster'` reads a snapshot until it is synced.
  syncBuiltinESMExports();
}
