/**
 * Clients an app starts at boot default to this machine: ioredis and node-redis to 127.0.0.1:6379,
 * mongoose to the URI's localhost, pg to localhost:5432, used when the variable naming the server is
 * unset (`process.env.REDIS_URL || 'redis://127.0.0.1:6379'`). On a laptop the server runs there; on
 * Lambda nothing listens on the function's own loopback, so each request that needs it hangs until the
 * function times out (a 502) after a deploy that said it succeeded. The boot check records the
 * connections the app opens to a loopback address, and `zap package` names them, with the variables
 * the app read at boot and found unset that look like the server's address.
 */
import net from 'node:net';
import { connectTarget, type BootCheck } from '../contracts/boot-check';
import { APP_EXPORT_ERROR } from '../contracts/layout';

export interface LoopbackConnect {
  host: string;
  port: number;
}

const SERVICES: Record<number, string> = {
  6379: 'Redis',
  27017: 'MongoDB',
  5432: 'PostgreSQL',
  3306: 'MySQL',
  11211: 'Memcached',
  5672: 'RabbitMQ',
  9200: 'Elasticsearch',
  1433: 'SQL Server',
  4222: 'NATS',
  9092: 'Kafka',
};

/** localhost, 127.0.0.0/8 and ::1 (also as IPv4-mapped), and no host at all, which Node takes as localhost. */
export function isLoopback(host: string | undefined): boolean {
  if (host === undefined || host === '' || host === 'localhost' || host.endsWith('.localhost')) return true;
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === '::1' || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(h);
}

/** Ports of endpoints zap or the SDK are pointed at on purpose (AWS_ENDPOINT_URL*, an emulator). */
function endpointPorts(env: NodeJS.ProcessEnv): Set<number> {
  const ports = new Set<number>();
  for (const [k, v] of Object.entries(env)) {
    if (!/^AWS_ENDPOINT_URL/.test(k) || !v) continue;
    try {
      ports.add(Number(new URL(v).port));
    } catch {
      // not a URL: nothing to leave out
    }
  }
  return ports;
}

/** For the boot-check preload: records TCP connections started to a loopback address. */
export function recordLoopbackConnects(env: NodeJS.ProcessEnv): Map<string, LoopbackConnect> {
  const seen = new Map<string, LoopbackConnect>();
  const skip = endpointPorts(env);
  const connect = net.Socket.prototype.connect as (...args: unknown[]) => net.Socket;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const { host, port, path } = connectTarget(args);
    if (path === undefined && port !== undefined && !skip.has(port) && isLoopback(host)) {
      seen.set(`${host ?? 'localhost'}:${port}`, { host: host ?? 'localhost', port });
    }
    return connect.apply(this, args);
  } as typeof net.Socket.prototype.connect;
  return seen;
}

/** Names of a server's address (REDIS_URL, MONGODB_URI, DB_HOST), not drivers' own settings (MONGODB_LOG_PATH) or the platform's. */
const ADDRESS_VARIABLE = /(^|_)(URL|URI|HOST|HOSTNAME|DSN|ADDR|ADDRESS|CONNECTION_STRING|ENDPOINT|SERVER)$/i;
const PLATFORM_VARIABLE = /^(KUBERNETES_|AWS_|npm_)/i;

/** One warning for every loopback server the app connected to at boot, or none. */
export function loopbackWarning(connects: readonly LoopbackConnect[], unsetEnv: readonly string[], stage: string): string | undefined {
  if (!connects.length) return undefined;
  const named = connects.map((c) => `${c.host}:${c.port}${SERVICES[c.port] ? ` (${SERVICES[c.port]})` : ''}`).join(', ');
  const vars = unsetEnv.filter((v) => ADDRESS_VARIABLE.test(v) && !PLATFORM_VARIABLE.test(v));
  const fix = vars.length
    ? `the app read ${vars.join(', ')} at boot and found ${vars.length > 1 ? 'them' : 'it'} unset: set ${vars.length > 1 ? 'them' : 'it'} in "environment_variables" (stage '${stage}')`
    : `point the app at a server Lambda can reach through "environment_variables" (stage '${stage}')`;
  return (
    `the app connects at boot to ${named} on this machine; on Lambda nothing listens on the function's own loopback ` +
    `(unless a Lambda extension does), so requests that need it wait until the function times out: ${fix}`
  );
}

/**
 * A boot that awaits its connection (`await client.connect()` before listen()) never finishes here
 * when the server is not running on this machine: that says nothing of the app, so it is no reason to
 * refuse the package. The deploy boots the new version before it moves traffic.
 */
export const WAITED_ON_LOOPBACK =
  'the app did not start serving at package time while it was connecting to a server on this machine (above), so zap could not check that it serves an app; ' +
  '`zap deploy` boots the new version with the stage\'s variables before it moves any traffic';

/** The boot check saw no app because the boot was still waiting (its time ran out, or no listen() came in time) while connected to this machine. */
export function waitedOnLoopback(result: Pick<BootCheck, 'timedOut' | 'error'>, connects: readonly LoopbackConnect[]): boolean {
  if (!connects.length) return false;
  return result.timedOut === true || (result.error?.name === APP_EXPORT_ERROR && result.error.message.includes('called no listen() within'));
}
