import type { Server } from 'node:net';
import { listenRegistry } from '../capture/registry';
import { describeValue, isThenable } from './describe';
import { makeHttpHandler, type AppHandler } from './http-handler';
import { APP_EXPORT_ERROR } from '../../contracts/layout';
import { exportNames, isServableApp } from './resolve-app';
import { appOfServer, isRequestServer } from './server-handler';
import { makeStreamHandler, type StreamHandler } from './stream-handler';
import { unreachedPrefix } from '../boot-network';

/** How the app was obtained from the user's module, in the order boot tries them. */
export type BootHow = 'export' | 'promise' | 'factory' | 'listen';

/** boot()'s handler carries how it was found, for the package-time boot check and the log. */
/** `zapStream` serves a Function URL request into Lambda's response stream (streaming on). */
export type BootedHandler = AppHandler & { zapBoot: { how: BootHow; detail: string }; zapStream: StreamHandler };

export interface BootOptions {
  /** How long to wait for a listen() when the module exports no app (default 10 s). */
  waitMs?: number;
}

export type Boot = (opts?: BootOptions) => Promise<BootedHandler>;

export const DEFAULT_LISTEN_WAIT_MS = 10_000;

const servable = (v: unknown) => isServableApp(v) || isRequestServer(v);

function kindOf(app: unknown): string {
  if (isRequestServer(app)) return 'an http.Server';
  const a = app as { handle?: unknown };
  return typeof a.handle === 'function' ? 'an Express app' : 'a Koa app';
}

/** For an exported server (`module.exports = app.listen(3000)`): what serves its requests. */
function serves(v: unknown): string {
  return isRequestServer(v) ? `, whose request handler is ${kindOf(appOfServer(v))}` : '';
}

/**
 * The first captured server with a request listener, now or within waitMs; else why not. The wait
 * keeps no process alive (its timer is unref'd): when nothing else is left (no timer, socket, file
 * or native work of the app's), Node's loop empties and 'beforeExit' says no listen() can come.
 */
function capturedServer(waitMs: number): Promise<Server | { gaveUp: 'waited' | 'idle' }> {
  const registry = listenRegistry();
  // Several listened (a metrics port beside the app): the one an app serves comes first.
  const now = registry.servers.find((s) => isRequestServer(s) && isServableApp(appOfServer(s))) ?? registry.servers.find(isRequestServer);
  if (now) return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = (v: Server | { gaveUp: 'waited' | 'idle' }) => {
      clearTimeout(timer);
      registry.waiters.delete(waiter);
      process.off('beforeExit', idle);
      resolve(v);
    };
    const waiter = (server: Server) => isRequestServer(server) && done(server);
    const idle = () => done({ gaveUp: 'idle' });
    const timer = setTimeout(() => done({ gaveUp: 'waited' }), Math.max(0, waitMs)).unref();
    registry.waiters.add(waiter);
    process.once('beforeExit', idle);
  });
}

interface Found {
  app: unknown;
  how: BootHow;
  detail: string;
}

/**
 * In order: the named export when it is an app (or an http.Server); a promise of one; an async
 * factory (a function that takes no parameters, called with none); else the server a listen()
 * captured, at import or later (`createApp().then(app => app.listen())`), waited for a bounded time.
 * A zero-parameter export is not called when the module already listened: it may be anything.
 */
async function findApp(ns: Record<string, unknown>, picked: unknown, exportName: string, file: string, waitMs: number): Promise<Found> {
  const value = picked === undefined && exportName === 'default' && isServableApp(ns) ? ns : picked;
  const label = `export "${exportName}"`;
  if (servable(value)) return { app: value, how: 'export', detail: `${label} is ${kindOf(value)}${serves(value)}` };
  const found = [`its ${label} is ${describeValue(value)}`];
  const listenedAtImport = listenRegistry().servers.some(isRequestServer);
  if (isThenable(value)) {
    const resolved = await value;
    if (servable(resolved)) return { app: resolved, how: 'promise', detail: `${label} is a promise of ${kindOf(resolved)}${serves(resolved)}` };
    found.push(`which resolved to ${describeValue(resolved)}`);
  } else if (typeof value === 'function' && value.length === 0 && !listenedAtImport) {
    const made = await (value as () => unknown)();
    if (servable(made)) return { app: made, how: 'factory', detail: `${label} is a factory: called with no arguments, it returned ${kindOf(made)}${serves(made)}` };
    found.push(`which returned ${describeValue(made)} when called with no arguments`);
  }
  const names = exportNames(ns);
  // A missing export the setting names is a wrong setting, not a module that may listen later.
  if (value === undefined && exportName !== 'default' && !listenedAtImport) {
    throw appError(`${file} has no export named "${exportName}" (its exports: ${names}). Set "app" in zap.json to "${file}#<export name>", or to "${file}" when it calls listen().`);
  }
  const server = await capturedServer(waitMs);
  if (!('gaveUp' in server)) {
    const app = appOfServer(server);
    const port = (server.address() as { port?: number } | null)?.port;
    return { app, how: 'listen', detail: `listen(${port ?? ''}) captured, no port bound; its request handler is ${kindOf(app)}` };
  }
  // Still connecting to a database it never reached: on Lambda, most often a network the function is not in.
  const unreached = listenRegistry().connections?.unreached() ?? [];
  const what = (unreached.length ? unreachedPrefix(unreached) : '') + (names === 'none' ? `${file} exports nothing` : `${file}: ${found.join(', ')}`);
  const when = server.gaveUp === 'waited' ? `within ${Math.round(waitMs / 100) / 10} s` : '(nothing was left running that could call it)';
  throw appError(
    `${what} and called no listen() ${when}; its exports: ${names}. ` +
      `zap serves a module that exports an Express app, a promise of one or an async function of no arguments that returns one, ` +
      `or that calls listen(); set "app" in zap.json to "<file>#<export name>".` +
      // `await client.connect()` before listen() waits this long for a server it cannot reach.
      (server.gaveUp === 'waited' && !unreached.length ? ' If it listens only after connecting to a database or cache, it may still be waiting for it: check that the function can reach that server.' : ''),
  );
}

function appError(message: string): Error {
  const err = new Error(message);
  err.name = APP_EXPORT_ERROR;
  return err;
}

/**
 * The app bundle's `boot`: memoised for this load of the bundle. After a rejection the loader
 * loads the bundle again, so a promise export or a factory runs again from scratch.
 */
export function makeBoot(ns: Record<string, unknown>, picked: unknown, exportName: string, file: string): Boot {
  let booting: Promise<BootedHandler> | undefined;
  return (opts = {}) =>
    (booting ??= findApp(ns, picked, exportName, file, opts.waitMs ?? DEFAULT_LISTEN_WAIT_MS).finally(() => listenRegistry().connections?.stop()).then(({ app, how, detail }) => {
      const served = isRequestServer(app) ? appOfServer(app) : app;
      return Object.assign(makeHttpHandler(served), { zapBoot: { how, detail }, zapStream: makeStreamHandler(served) });
    }));
}
