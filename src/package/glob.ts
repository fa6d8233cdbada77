import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Folders never searched for `include` globs. */
const SKIP = new Set(['node_modules', '.git', '.zap']);

/** A glob ("views/**", "public/*.css", "{a,b}/x") → an anchored RegExp over forward-slash paths. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') re += '(?:';
    else if (c === '}') re += ')';
    else if (c === ',') re += '|';
    else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Project files, as sorted forward-slash paths relative to root; a folder name alone means everything in it. */
export function listFiles(root: string, dir = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(root, rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out.sort();
}

export function matchGlobs(files: string[], globs: string[]): string[] {
  const patterns = globs.map((g) => g.replace(/^\.\//, '').replace(/\/$/, '/**')).map(globToRegExp);
  const dirs = globs.map((g) => g.replace(/^\.\//, '').replace(/\/$/, ''));
  return files.filter((f) => patterns.some((re) => re.test(f)) || dirs.some((d) => f.startsWith(d + '/')));
}
