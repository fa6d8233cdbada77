import serverlessExpress from '@codegenie/serverless-express';
import { expressFramework } from './express-framework';
import { isBinaryResponse } from './binary';
import { isServableApp } from './resolve-app';
import { serverFramework } from './server-handler';

/** The function's HTTP handler: serverless-express's `(event, context) => Promise`. */
export type AppHandler = (event: unknown, context: unknown) => Promise<unknown>;

/** An Express, Connect or Koa app, or an http.Server whose 'request' listeners serve it. */
export function makeHttpHandler(app: unknown): AppHandler {
  const framework = isServableApp(app) ? (typeof app.handle === 'function' ? expressFramework : undefined) : serverFramework;
  return serverlessExpress({
    app: app as never,
    ...(framework ? { framework: framework as never } : {}),
    binarySettings: { isBinary: isBinaryResponse },
  }) as unknown as AppHandler;
}
