/**
 * Bundled into the artifact's app bundle (never into index.js): the generated entry hands it the
 * user's module, and the bundle's `boot()` resolves to the `(event, context) => Promise` handler
 * that index.js calls for HTTP events.
 */
export { makeBoot, type Boot, type BootOptions, type BootedHandler } from './boot';
export { makeHttpHandler, type AppHandler } from './http-handler';
export { makeStreamHandler, type StreamHandler, type PreludeWriter } from './stream-handler';
export { computedRequires } from './computed-require';
