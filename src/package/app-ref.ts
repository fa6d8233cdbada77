import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, normalize } from 'node:path';
import { UserError } from '../core/errors';
import { unbuiltAppHint } from './unbuilt';

export interface AppRef {
  /** Project-relative module path, forward slashes, e.g. "src/app.ts". */
  file: string;
  /** Export name, "default" when the setting has no `#`. */
  exportName: string;
}

/** "src/app.ts#app" → { file: "src/app.ts", exportName: "app" }. */
export function parseAppRef(app: string): AppRef {
  const hash = app.lastIndexOf('#');
  const file = (hash === -1 ? app : app.slice(0, hash)).trim();
  const exportName = (hash === -1 ? 'default' : app.slice(hash + 1).trim()) || 'default';
  return { file: normalize(file).split('\\').join('/').replace(/^\.\//, ''), exportName };
}

export const EXTENSIONS = ['', '.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '/index.ts', '/index.js'];

/** The app module on disk, trying the extensions esbuild would, or a UserError that names the fix. */
export function findAppModule(projectDir: string, ref: AppRef, stage: string): AppRef {
  if (isAbsolute(ref.file) || ref.file.startsWith('..')) {
    throw new UserError(`zap.json: stage '${stage}', key 'app': "${ref.file}" must be a path inside the project, e.g. "src/app.ts#app"`, 2);
  }
  for (const ext of EXTENSIONS) {
    const candidate = join(projectDir, ref.file + ext);
    if (existsSync(candidate) && statSync(candidate).isFile()) return { ...ref, file: ref.file + ext };
  }
  const unbuilt = unbuiltAppHint(projectDir, ref.file);
  if (unbuilt) throw new UserError(`zap.json: stage '${stage}', key 'app': no file "${ref.file}" in ${projectDir}: ${unbuilt}`, 2);
  throw new UserError(
    `zap.json: stage '${stage}', key 'app': no file "${ref.file}" in ${projectDir}. ` +
      `Point it at the module that exports your Express app, e.g. "src/app.ts#app" (\`zap init\` finds it).`,
    2,
  );
}
