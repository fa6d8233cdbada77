/**
 * A project folder named by a bare string in the app's code and read at run time through an API
 * zap does not know by name: Twing's `loader.addPath('templates')`, nunjucks'
 * `configure('views')`, `new FileSystemLoader('templates')`, express-handlebars'
 * `{ layoutsDir: 'views/layouts' }`, i18n's `{ directory: 'locales' }`. Each resolves against the
 * working directory, which on Lambda is the artifact's root, and reads only when a request renders,
 * so neither the tracer nor the boot check sees it: the page answered 500. A string given as a call
 * argument or a property value that names an existing folder of the project (not a source root
 * such as `src`) ships that folder's templates and data files.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from './glob';
import type { CwdPath } from './express-paths';

const STR = String.raw`(['"\x60])([\w@.\-][\w@.\-/]*)\1`;
/** An argument (not of require() or import(), whose folders are modules) or an object property's value. */
const NAMED = new RegExp(String.raw`(?:(?<!\b(?:require|import|resolve))\(\s*|,\s*|:\s*)${STR}\s*(?=[,)}\]\n])`, 'g');
/** Templates and the data files loaders read (images and scripts are found by the static-folder rules). */
const TEMPLATE = /\.(html?|twig|njk|nunjucks|hbs|handlebars|mustache|liquid|ejs|pug|jade|eta|dust|tpl|vash|hjs|json|ya?ml|md|txt|xml|csv)$/i;
/** Source roots: named in code as words ('src', an HTML attribute), never a template folder. */
const SOURCE_ROOTS = new Set(['src', 'app', 'lib', 'server', 'client', 'test', 'tests', 'scripts', 'dist', 'build', 'out']);
const SKIP = /(^|\/)(node_modules|\.git|\.zap)(\/|$)/;
/** A folder this large is data the app manages itself, not templates: left to `include`. */
const MAX_FILES = 500;

/** The project's own code: a framework's build output (dist/, build/) is generated, full of words that name no folder. */
export const isGenerated = (file: string): boolean => /^(dist|build|out|\.output|\.svelte-kit)\//.test(file);

export function namedFoldersIn(projectDir: string, source: string): CwdPath[] {
  const found: CwdPath[] = [];
  const done = new Set<string>();
  for (const m of source.matchAll(NAMED)) {
    const rel = m[2]!.replace(/^\.\//, '').replace(/\/$/, '');
    if (!rel || rel === '.' || rel.startsWith('..') || SKIP.test(rel) || SOURCE_ROOTS.has(rel) || done.has(rel)) continue;
    done.add(rel);
    if (!statSync(join(projectDir, rel), { throwIfNoEntry: false })?.isDirectory()) continue;
    const files = listFiles(projectDir, rel).filter((f) => TEMPLATE.test(f));
    if (files.length === 0 || files.length > MAX_FILES) continue;
    for (const f of files) found.push({ path: f, reason: `folder '${m[2]}' named in the code (relative to the working directory)` });
  }
  return found;
}
