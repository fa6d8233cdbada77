/** What a listen() call asked for, parsed as net.Server#listen reads its arguments. */
export interface ListenRequest {
  port?: number;
  host?: string;
  path?: string;
  callback?: (...args: unknown[]) => void;
}

function portOf(v: unknown): number | undefined {
  const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < 65536 ? n : undefined;
}

/** listen(port, host, backlog, cb), listen(path, cb), listen(options, cb), listen(handle, cb), listen(cb). */
export function parseListenArgs(args: unknown[]): ListenRequest {
  const last = args[args.length - 1];
  const callback = typeof last === 'function' ? (last as ListenRequest['callback']) : undefined;
  const [first, second] = args;
  if (typeof first === 'object' && first !== null) {
    const o = first as { port?: unknown; host?: unknown; path?: unknown };
    return { port: portOf(o.port), host: typeof o.host === 'string' ? o.host : undefined, path: typeof o.path === 'string' ? o.path : undefined, callback };
  }
  if (typeof first === 'string' && portOf(first) === undefined) return { path: first, callback };
  return { port: portOf(first), host: typeof second === 'string' ? second : undefined, callback };
}

/** The port answered when none (or 0, "any free port") was asked: a plausible one, since apps log it. */
export const DEFAULT_PORT = 3000;

/** What server.address() answers for a captured listen(): as Node would for that request. */
export function addressFor(req: ListenRequest): { address: string; family: string; port: number } | string {
  if (req.path !== undefined) return req.path;
  const port = req.port ? req.port : DEFAULT_PORT;
  const host = req.host === undefined || req.host === '' ? '::' : req.host === 'localhost' ? '127.0.0.1' : req.host;
  return { address: host, family: host.includes(':') ? 'IPv6' : 'IPv4', port };
}
