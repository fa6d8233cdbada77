import { join } from 'node:path';

/** The app bundle's handler: serverless-express's `(event, context) => Promise`. */
export type AppHandler = (event: unknown, context: unknown) => Promise<unknown>;

/** File name of the app bundle at the artifact's root, next to index.js (see src/package/layout.ts). */
export const APP_BUNDLE = 'zap-app.cjs';

let handler: AppHandler | undefined;

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
  const file = process.env.ZAP_APP_MODULE || join(__dirname, APP_BUNDLE);
  const mod = require(file) as { handler?: unknown };
  if (typeof mod.handler !== 'function') {
    throw new Error(`${file} exports no handler function: rebuild the artifact with \`zap package\``);
  }
  handler = mod.handler as AppHandler;
  return handler;
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
