/**
 * The addresses the app tried to reach while booting and never did. Started by the listen() capture
 * before the user's module runs (capture/index.ts), stopped when boot() settles (adapter/boot.ts);
 * read by the boot's error when no listen() came, and by the boot check (verify-child.ts). "Connect to the database, then listen()" (node-express-boilerplate's
 * `mongoose.connect(url).then(() => app.listen(port))`) cannot listen at package time when the
 * database is reachable only from Lambda (a VPC, a production host) or not running here; that is
 * no missing app, and the check says so instead of stopping the package.
 */
import net from 'node:net';
import { connectTarget } from '../contracts/boot-check';

/** Where the socket is going, in words: "127.0.0.1:27017", "localhost:6379", or a pipe's path. */
function target(args: unknown[]): string {
  const t = connectTarget(args);
  return t.path ?? `${t.host ?? 'localhost'}:${t.port ?? ''}`;
}

/**
 * Watches every client socket from now on; the returned function lists the targets never reached,
 * with the error each last ended on. No 'error' listener is added: one would keep an unhandled
 * socket error from crashing the boot, as it does under node; the error is read from `errored`.
 */
export interface ConnectionWatch {
  unreached(): string[];
  /** Puts net.Socket's connect back (only the boot is watched); unreached() keeps answering what it saw. */
  stop(): void;
}

export function watchConnections(): ConnectionWatch {
  const tried: Array<{ where: string; socket: net.Socket }> = [];
  const reached = new Set<string>();
  const connect = net.Socket.prototype.connect as (...args: unknown[]) => net.Socket;
  const watched = function (this: net.Socket, ...args: unknown[]) {
    const where = target(args);
    tried.push({ where, socket: this });
    this.once('connect', () => reached.add(where));
    return connect.apply(this, args);
  } as typeof net.Socket.prototype.connect;
  net.Socket.prototype.connect = watched;
  let seen: string[] | undefined;
  const unreached = () => {
    if (seen) return seen;
    const last = new Map<string, string>();
    for (const { where, socket } of tried) {
      if (reached.has(where)) continue;
      const e = socket.errored as NodeJS.ErrnoException | null;
      if (e || !last.has(where)) last.set(where, e ? (e.code ?? e.message) : 'no answer');
    }
    return [...last].map(([where, error]) => `${where} (${error})`);
  };
  const stop = () => {
    if (net.Socket.prototype.connect === watched) net.Socket.prototype.connect = connect as typeof net.Socket.prototype.connect;
    seen ??= unreached();
    tried.length = 0;
  };
  return { unreached, stop };
}

/** Said before "called no listen()": on Lambda, a database outside the function's network is the usual cause. */
export function unreachedPrefix(unreached: string[]): string {
  return `while booting it tried to reach ${unreached.slice(0, 3).join(', ')}${unreached.length > 3 ? ` and ${unreached.length - 3} more` : ''} and never did (on Lambda: "vpc_config" and the address in "environment_variables"); `;
}
