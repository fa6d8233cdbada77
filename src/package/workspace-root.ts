/**
 * An app deployed from its own folder of a monorepo (npm/yarn workspaces, pnpm) reads files that
 * live beside it in the repository: a workspace package's data file, a hoisted package's assets in
 * the root node_modules. They are outside the project zap packages (the folder of zap.json), so
 * they cannot ship at the paths the app reads them from; from the workspace root they can.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const slash = (p: string) => p.split('\\').join('/');

function declaresWorkspaces(dir: string): boolean {
  if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return true;
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { workspaces?: unknown }).workspaces !== undefined;
  } catch {
    return false;
  }
}

/** The nearest folder above the project that declares workspaces, if any. */
export function workspaceRootAbove(projectDir: string): string | undefined {
  for (let dir = dirname(projectDir); dir !== dirname(dir); dir = dirname(dir)) if (declaresWorkspaces(dir)) return dir;
  return undefined;
}

/** What fixes a file outside the project: deploy from the workspace root when the file is inside it. */
export function outsideProjectFix(projectDir: string, file: string, app?: string): string {
  const root = workspaceRootAbove(projectDir);
  if (!root || relative(root, file).startsWith('..')) return 'move it into the project';
  const up = slash(relative(projectDir, root));
  const entry = slash(join(relative(root, projectDir), app ? app.replace(/#.*$/, '') : '<your entry>'));
  return `it is in the workspace ${up} (${slash(relative(root, file))}): deploy from the workspace root, where it is inside the project: \`cd ${up} && zap init --app ${entry}\``;
}
