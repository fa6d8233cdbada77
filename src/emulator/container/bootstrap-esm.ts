// Lambda's runtime makes @aws-sdk/* importable from ES modules too, though ESM ignores NODE_PATH:
// a resolve hook falls back to NODE_PATH for bare specifiers the task root lacks.
import * as nodeModule from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

type Resolve = (specifier: string, context: { parentURL?: string }) => unknown;
type RegisterHooks = (hooks: { resolve: (s: string, c: { parentURL?: string }, next: Resolve) => unknown }) => void;

export function registerNodePathFallback(nodePath: string | undefined): void {
  const registerHooks = (nodeModule as unknown as { registerHooks?: RegisterHooks }).registerHooks;
  const dirs = (nodePath ?? '').split(':').filter(Boolean);
  if (!registerHooks || dirs.length === 0) return;
  registerHooks({
    resolve(specifier, context, next) {
      try {
        return next(specifier, context);
      } catch (e) {
        if ((e as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND' || /^[./]|^[a-z]+:/i.test(specifier)) throw e;
        for (const dir of dirs) {
          try {
            return next(specifier, { ...context, parentURL: pathToFileURL(join(dir, 'noop.js')).href });
          } catch {}
        }
        throw e;
      }
    },
  });
}
