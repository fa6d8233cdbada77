/**
 * Lambda mounts the function's code (/var/task) read-only: an app that writes beside its code (a
 * lowdb/nedb JSON file, an upload folder, a log file, a cache) works under `node` and fails on Lambda
 * with EROFS. Containers here run as the emulator's user (root, often, which file modes do not stop),
 * so the runtime's own fs refuses writes under LAMBDA_TASK_ROOT as Lambda's mount does; /tmp stays
 * writable. The same refusal the package-time boot check uses (src/util/read-only-folder.ts), patched
 * in before the handler loads, so the app sees it whichever way it imports fs (ESM named imports
 * included, through syncBuiltinESMExports).
 */
import { syncBuiltinESMExports } from 'node:module';
import { resolve, sep } from 'node:path';
import { pathOf, readOnlyCodeFolder } from '../../util/read-only-folder';

export function makeTaskRootReadOnly(taskRoot: string): void {
  const root = resolve(taskRoot);
  readOnlyCodeFolder((p) => {
    const abs = pathOf(p);
    return abs !== undefined && (abs === root || abs.startsWith(root + sep)) ? abs : undefined;
  }, () => undefined);
  syncBuiltinESMExports();
}
