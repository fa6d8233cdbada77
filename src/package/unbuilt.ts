/**
 * A server that loads the output of its project's own build (Vite's SSR template reads
 * `dist/client/index.html` and imports `dist/server/entry-server.js`, SvelteKit's `build/handler.js`,
 * Astro's `dist/server/entry.mjs`), packaged before that build ran. esbuild lets an import inside a
 * try block stay unresolved, so the bundle would answer every page with the app's own error page;
 * a file read at boot makes the boot fail. Both are said at package time, with the build to run.
 */
import type { Message } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { UserError } from '../core/errors';

/** esbuild's id for an import it let stay unresolved because a try block handles its failure. */
export const IGNORED_IMPORT = 'ignored-dynamic-import';

const slash = (p: string) => p.split('\\').join('/');

/** "run `npm run build` first" when package.json has a build script, else a general word. */
export function buildFix(projectDir: string): string {
  try {
    const pkg = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
    if (pkg.scripts?.build) return 'run the project\'s build first (`npm run build`), then run zap again';
  } catch {
    // no package.json: the general fix
  }
  return 'build or create it first, then run zap again';
}

/** The first folder on the way to `rel` that the project lacks, or undefined when its folder exists. */
function missingFolder(projectDir: string, rel: string): string | undefined {
  const parts = rel.split('/').slice(0, -1);
  for (let i = 1; i <= parts.length; i++) {
    const dir = parts.slice(0, i).join('/');
    if (!existsSync(join(projectDir, dir))) return dir;
  }
  return undefined;
}

/** For a zap.json `app` the project lacks: when a folder on its way is missing (dist/ before the build), the build to run. */
export function unbuiltAppHint(projectDir: string, file: string): string | undefined {
  const folder = missingFolder(projectDir, file);
  return folder ? `the project has no ${folder}/: ${buildFix(projectDir)}` : undefined;
}

/**
 * A project file's import of a project file that does not exist: in a folder the project lacks (a
 * build's output), an error line; beside files that exist, undefined for the caller to decide.
 */
export function missingOwnImport(projectDir: string, file: string, line: number, spec: string): { error?: string; target: string } | undefined {
  if (file.includes('node_modules/') || !/^\.{1,2}\//.test(spec)) return undefined;
  const target = slash(relative(projectDir, resolve(projectDir, dirname(file), spec)));
  if (target.startsWith('..') || isAbsolute(target)) return undefined;
  const folder = missingFolder(projectDir, target);
  return { target, error: folder ? `${file}:${line} imports ${spec}, which does not exist (the project has no ${folder}/): ${buildFix(projectDir)}` : undefined };
}

/**
 * The project's own imports of its files that do not exist, left unresolved by esbuild in a try
 * block: an import() from a folder the project lacks, an error; a require(), or a file beside files
 * that exist (`try { require('./config.local') } catch {}`), a warning.
 */
export function unresolvedOwnImports(projectDir: string, warnings: Message[]): { error?: UserError; warnings: string[] } {
  const errors: string[] = [];
  const notes: string[] = [];
  for (const w of warnings) {
    const spec = /Importing "([^"]+)"/.exec(w.text)?.[1];
    if (w.id !== IGNORED_IMPORT || !w.location || !spec) continue;
    const own = missingOwnImport(projectDir, w.location.file, w.location.line, spec);
    // import() of a build's output is how servers load it (Vite's SSR template); a require() in a
    // try block is how apps load an optional local file, and they cope without it.
    const loadsBuild = /\bimport\s*\(/.test(w.location.lineText);
    if (own?.error && loadsBuild) errors.push(own.error);
    else if (own) notes.push(`${w.location.file}:${w.location.line} imports ${spec}, which does not exist: the import is left to fail at run time, as under node`);
  }
  return { error: errors.length ? new UserError([...new Set(errors)].join('\n'), 2) : undefined, warnings: [...new Set(notes)] };
}

/** The boot failed on a file of the project's folder that the project does not have: only a build can make it. */
export function unbuiltBootError(projectDir: string, stageDir: string, missing: string[], error: { name: string; message: string }): UserError | undefined {
  const said = error.message.split('\n')[0]!;
  // A module import()ed by a computed path (React Router's `import(BUILD_PATH)`) fails in Node's
  // loader, which no fs hook sees: its path is in the message.
  const loaded = [...said.matchAll(/Cannot find module '([^']+)'/g)].map((m) => m[1]!);
  for (const abs of [...missing, ...loaded]) {
    const rel = slash(relative(stageDir, abs));
    if (!rel || rel.startsWith('..') || isAbsolute(rel) || /(^|\/)node_modules\//.test(rel) || existsSync(join(projectDir, rel))) continue;
    if (!said.includes(rel) && !said.includes(abs)) continue;
    return new UserError(`the app failed to boot (${error.name}: ${said.split(stageDir + '/').join('')}): ${rel} is not in the project: ${buildFix(projectDir)}`, 2);
  }
  return undefined;
}
