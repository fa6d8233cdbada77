import { cacheEnabled, loadBundle, type CacheState, type LoadedBundle } from './compile-cache';

export { APP_BUNDLE } from './compile-cache';

/** The app bundle's handler: serverless-express's `(event, context) => Promise`. */
export type AppHandler = (event: unknown, context: unknown) => Promise<unknown>;

let handler: AppHandler | undefined;
let loaded: LoadedBundle | undefined;
let reasonLogged = false;

export function appReady(): boolean {
  return handler !== undefined;
}

/**
 * Boots the app on first use: requiring the bundle runs the user's module and builds the
 * serverless-express handler. A boot that throws is not cached (Node drops a module that threw
 * from require.cache), so the next call tries again.
 */
export function loadApp(): AppHandler {
  if (handler) return handler;
  const override = process.env.ZAP_APP_MODULE;
  const bundle: LoadedBundle = override ? { exports: require(override), state: 'miss', bundle: override } : loadBundle(__dirname);
  if (typeof bundle.exports.handler !== 'function') {
    throw new Error(`${bundle.bundle} exports no handler function: rebuild the artifact with \`zap package\``);
  }
  loaded = bundle;
  handler = bundle.exports.handler as AppHandler;
  if (bundle.reason && bundle.reason !== 'no cache in the artifact' && !reasonLogged) {
    reasonLogged = true;
    console.error(`zap: compile cache not used (${bundle.reason}); the app loaded from source. \`zap update\` makes a new cache.`);
  }
  return handler;
}

/**
 * How the app was loaded in this container: "hit" (from the shipped compile cache), "miss" (from
 * source: no cache, or one that does not fit; also before the app is loaded at all) or "off".
 */
export function compileCacheState(): CacheState {
  if (!cacheEnabled()) return 'off';
  return loaded?.state ?? 'miss';
}

export function loadedBundle(): LoadedBundle | undefined {
  return loaded;
}

export interface PrimeResult {
  app_ready: boolean;
  app_error?: string;
}

/** Boots the app if it is not up yet; never throws: the warm answer must not depend on the app. */
export function prime(): PrimeResult {
  try {
    loadApp();
    return { app_ready: true };
  } catch (err) {
    logBootError(err, 'priming during a keep-warm hold');
    return { app_ready: false, app_error: errorMessage(err) };
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/** Goes to stderr: stdout carries exactly one JSON line per warm invocation (see keep-warm.ts). */
export function logBootError(err: unknown, when: string): void {
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
  console.error(`zap: the app failed to boot (${when}); the next request tries again. ${detail}`);
}
