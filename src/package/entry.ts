import type { AppRef } from './app-ref';
import { REGISTRY } from './computed-requires';

/** The name esbuild gives the generated entry in messages. */
export const ENTRY_FILE = 'zap-entry.js';

/**
 * The generated entry esbuild bundles into the app bundle. `ns[exportName]` is read literally so
 * esbuild flags a missing ESM export at build time; resolveApp covers CommonJS at boot.
 */
export function entrySource(ref: AppRef, adapterPath: string): string {
  const exportName = JSON.stringify(ref.exportName);
  return [
    `import ${JSON.stringify(REGISTRY)};`, // first: modules loaded by computed path are served from the bundle before the app boots
    `import * as userModule from ${JSON.stringify('./' + ref.file)};`,
    `import { makeHttpHandler, resolveApp } from ${JSON.stringify(adapterPath)};`,
    `export const handler = makeHttpHandler(resolveApp(userModule, userModule[${exportName}], ${exportName}, ${JSON.stringify(ref.file)}));`,
    '',
  ].join('\n');
}
