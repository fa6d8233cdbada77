/**
 * Imported by the app bundle before the user's module runs (the generated entry imports it first;
 * ESM import order is evaluation order). On Lambda no server may bind a port, and inside a bundle
 * `if (!module.parent) app.listen()` always runs, so listen() on any net.Server (http, https,
 * Express's app.listen) binds nothing: the server is recorded, marked listening, and 'listening' and
 * the callback come asynchronously as they would; its 'request' listener becomes the function's.
 * The process is also made its own cluster worker (cluster-worker.ts), so a cluster app listens.
 */
import { Server } from 'node:net';
import { listenRegistry } from './registry';
import { addressFor, parseListenArgs } from './listen-args';
import { watchConnections } from '../boot-network';
import { becomeClusterWorker } from './cluster-worker';

function capture(this: Server, ...args: unknown[]): Server {
  const req = parseListenArgs(args);
  let listening = true;
  Object.defineProperties(this, {
    listening: { configurable: true, get: () => listening },
    address: { configurable: true, writable: true, value: () => (listening ? addressFor(req) : null) },
    close: {
      configurable: true,
      writable: true,
      value(this: Server, cb?: (err?: Error) => void) {
        listening = false;
        if (typeof cb === 'function') this.once('close', () => cb());
        process.nextTick(() => this.emit('close'));
        return this;
      },
    },
  });
  if (req.callback) this.once('listening', req.callback);
  const registry = listenRegistry();
  registry.servers.push(this);
  process.nextTick(() => {
    this.emit('listening');
    for (const waiter of [...registry.waiters]) waiter(this);
  });
  return this;
}

const registry = listenRegistry();
if (!registry.installed) {
  registry.installed = true;
  Server.prototype.listen = capture as typeof Server.prototype.listen;
  becomeClusterWorker();
}
// A bundle loaded again after a failed boot starts from no captured server.
registry.servers = [];
// What the boot connects to, so "no listen()" can say which database it was still waiting for.
registry.connections?.stop();
registry.connections = watchConnections();
