/**
 * What nft leaves to the process's working directory: Express resolves a relative
 * `express.static('public')`, `app.set('views', 'views')`, `{ root: 'public' }` and the default
 * views folder (`<cwd>/views`, used by `res.render` when 'views' is never set) against the cwd,
 * as fs does for `fs.readFileSync('data/x.json')`. On Lambda the cwd is the artifact's root, the
 * project's root here, so these paths ship at the same project-relative place.
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, normalize } from 'node:path';

export interface CwdPath {
  /** Project-relative file or folder, forward slashes. */
  path: string;
  reason: string;
}

const STR = String.raw`(['"\x60])([^'"\x60$\n]+)\1`;

/** Call shapes whose literal string argument is a path Express or fs resolves against the cwd. */
const SHAPES: { re: RegExp; why: (p: string) => string }[] = [
  { re: new RegExp(String.raw`\bstatic\(\s*${STR}`, 'g'), why: (p) => `express.static('${p}')` },
  { re: new RegExp(String.raw`\bserveStatic\(\s*${STR}`, 'g'), why: (p) => `serveStatic('${p}')` },
  { re: new RegExp(String.raw`\.set\(\s*['"]views['"]\s*,\s*\[?\s*${STR}`, 'g'), why: (p) => `app.set('views', '${p}')` },
  { re: new RegExp(String.raw`\broot\s*:\s*${STR}`, 'g'), why: (p) => `{ root: '${p}' }` },
  { re: new RegExp(String.raw`\b(?:download|sendFile)\(\s*${STR}`, 'g'), why: (p) => `res.download('${p}')` },
  {
    re: new RegExp(String.raw`\b(?:readFileSync|readFile|createReadStream|readdirSync|readdir|openSync|statSync|existsSync)\(\s*${STR}`, 'g'),
    why: (p) => `fs read of '${p}' (relative to the working directory)`,
  },
];

/** A relative path that names something in the project, never the project itself or node_modules. */
function inProject(projectDir: string, literal: string): string | undefined {
  if (isAbsolute(literal) || /^[a-z]+:/i.test(literal)) return undefined;
  const rel = normalize(literal).split('\\').join('/').replace(/\/$/, '');
  if (rel === '.' || rel.startsWith('..') || /(^|\/)(node_modules|\.git|\.zap)(\/|$)/.test(rel)) return undefined;
  return existsSync(join(projectDir, rel)) ? rel : undefined;
}

export function cwdPathsIn(projectDir: string, source: string): CwdPath[] {
  const found: CwdPath[] = [];
  for (const { re, why } of SHAPES) {
    for (const m of source.matchAll(re)) {
      const rel = inProject(projectDir, m[2]!);
      if (rel) found.push({ path: rel, reason: why(m[2]!) });
    }
  }
  return found;
}

/** Express's default views folder, `<cwd>/views`, when an app renders without ever setting 'views'. */
export function defaultViews(projectDir: string, sources: string[]): CwdPath | undefined {
  const renders = sources.some((s) => /\.render\(|['"]view engine['"]/.test(s));
  const setsViews = sources.some((s) => /\.set\(\s*['"]views['"]/.test(s));
  const dir = join(projectDir, 'views');
  if (!renders || setsViews || !existsSync(dir) || !statSync(dir).isDirectory()) return undefined;
  return { path: 'views', reason: "Express's default views folder" };
}
