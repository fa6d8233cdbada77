/**
 * Bundled into the artifact's app bundle (never into index.js): turns the user's app into the
 * `(event, context) => Promise` handler that index.js calls for HTTP events.
 */
import serverlessExpress from '@codegenie/serverless-express';
import { expressFramework } from './express-framework';
import { isBinaryResponse } from './binary';
import { isServableApp } from './resolve-app';

export { resolveApp } from './resolve-app';
export { computedRequires } from './computed-require';

export function makeHttpHandler(app: unknown) {
  if (!isServableApp(app)) throw new Error('makeHttpHandler: expected an Express app');
  const framework = typeof app.handle === 'function' ? expressFramework : undefined;
  return serverlessExpress({
    app: app as never,
    ...(framework ? { framework: framework as never } : {}),
    binarySettings: { isBinary: isBinaryResponse },
  });
}
