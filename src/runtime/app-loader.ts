import { secretsReady } from './secrets';
import { cacheEnabled, loadAppBundle, type CacheState, type LoadedBundle } from './compile-cache';

export { APP_BUNDLE } from './compile-cache';

/** The app bundle's handler: serverless-express's `(event, context) => Promise`. */
export type AppHandler = (event: unknown, context: unknown) => Promise<unknown>;

/** The app bundle's contract (src/package/entry.ts, src/runtime/adapter/boot.ts). */
type Boot = (opts?: { waitMs?: number }) => Promise<AppHandler>;

/** The bound on waiting for a listen() when the module exports no app. */
const LISTEN_WAIT_MS = 10_000;

let handler: AppHandler | undefined;
let booting: Promise<AppHandler> | undefined;
let loaded: LoadedBundle | undefined;
let attempts = 0;
let reasonLogged = false;

export function appReady(): boolean {
  return handler !== undefined;
}

/** 10 s, or less when the invocation has less left (a second kept to answer 502 in time). */
function listenWaitMs(context: unknown): number {
  const remaining = (context as { getRemainingTimeInMillis?: () => number } | undefined)?.getRemainingTimeInMillis?.();
  return typeof remaining === 'number' ? Math.max(0, Math.min(LISTEN_WAIT_MS, remaining - 1000)) : LISTEN_WAIT_MS;
}

async function bootOnce(context: unknown): Promise<AppHandler> {
  await secretsReady();
  const bundle = await loadAppBundle(__dirname, attempts++);
  const boot = bundle.exports.boot;
  if (typeof boot !== 'function') {
    throw new Error(`${bundle.bundle} exports no boot function: rebuild the artifact with \`zap package\``);
  }
  loaded = bundle;
  if (bundle.reason && bundle.state === 'miss' && bundle.reason !== 'no cache in the artifact' && !reasonLogged) {
    reasonLogged = true;
    console.error(`zap: compile cache not used (${bundle.reason}); the app loaded from source. \`zap update\` makes a new cache.`);
  }
  return (boot as Boot)({ waitMs: listenWaitMs(context) });
}

/**
 * Boots the app on first use: loading the bundle runs the user's module, and its boot() resolves
 * the app (an export, a promise, a factory or a captured listen()). Concurrent callers share one
 * boot. A boot that fails is not kept: the next call loads the bundle again and starts over.
 */
export function loadApp(context?: unknown): Promise<AppHandler> {
  if (handler) return Promise.resolve(handler);
  booting ??= bootOnce(context).then(
    (h) => (handler = h),
    (err: unknown) => {
      booting = undefined;
      throw err;
    },
  );
  return booting;
}

/**
 * How the app was loaded in this container: "hit" (from the shipped compile cache), "miss" (from
 * source: no cache, or one that does not fit; also before the app is loaded at all) or "off"
 * (the setting, or an ESM bundle).
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
export async function prime(context?: unknown): Promise<PrimeResult> {
  try {
    await loadApp(context);
    return { app_ready: true };
  } catch (err) {
    logBootError(err, 'priming during a keep-warm hold');
    return { app_ready: false, app_error: errorMessage(err) };
  }
}

/** With priming off, a keep-warm ping still reads the secrets: a held container pays nothing at its first request, and prewarm sees a missing one. */
export async function primeSecrets(): Promise<PrimeResult> {
  try {
    await secretsReady();
    return { app_ready: appReady() };
  } catch (err) {
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
