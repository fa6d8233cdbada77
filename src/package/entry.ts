import type { AppRef } from './app-ref';
import { REGISTRY } from './computed-requires';

/** The name esbuild gives the generated entry in messages. */
export const ENTRY_FILE = 'zap-entry.js';

export interface RuntimeModules {
  /** Installs the listen() capture; must run before the user's module. */
  capture: string;
  adapter: string;
}

/**
 * The generated entry esbuild bundles into the app bundle. Imports run in order, so the capture is
 * in place before the user's module evaluates. `ns[exportName]` is read literally so esbuild flags
 * a missing ESM export at build time; the adapter's boot covers CommonJS, promises, factories and
 * a captured listen().
 */
export function entrySource(ref: AppRef, runtime: RuntimeModules): string {
  const exportName = JSON.stringify(ref.exportName);
  return [
    `import ${JSON.stringify(REGISTRY)};`, // first: modules loaded by computed path are served from the bundle before the app boots
    `import ${JSON.stringify(runtime.capture)};`,
    `import * as userModule from ${JSON.stringify('./' + ref.file)};`,
    `import { makeBoot } from ${JSON.stringify(runtime.adapter)};`,
    `export const boot = makeBoot(userModule, userModule[${exportName}], ${exportName}, ${JSON.stringify(ref.file)});`,
    '',
  ].join('\n');
}
