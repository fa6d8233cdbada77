import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles, matchGlobs } from './glob';

/** The folder a glob can only match under: "src/views/**" → "src/views". */
function staticBase(glob: string): string {
  const clean = glob.replace(/^\.\//, '');
  const first = clean.search(/[*?{]/);
  const head = first === -1 ? clean : clean.slice(0, first);
  const cut = head.lastIndexOf('/');
  return first === -1 ? clean : cut === -1 ? '' : head.slice(0, cut);
}

export interface Included {
  /** Project-relative paths, kept as the zip paths so the app finds them where it looks. */
  files: string[];
  warnings: string[];
}

/** Files named by `include`, at their project-relative paths; reserved artifact names are refused. */
export function collectIncludes(projectDir: string, globs: string[], reserved: Set<string>): Included {
  const files = new Set<string>();
  const warnings: string[] = [];
  for (const glob of globs) {
    const base = staticBase(glob);
    const abs = join(projectDir, base);
    if (!existsSync(abs)) {
      warnings.push(`include "${glob}" matches nothing: ${base || '.'} does not exist in ${projectDir}`);
      continue;
    }
    const candidates = statSync(abs).isFile() ? [base] : listFiles(projectDir, base);
    const matched = matchGlobs(candidates, [glob]);
    if (matched.length === 0) warnings.push(`include "${glob}" matches no file`);
    for (const f of matched) {
      if (reserved.has(f)) warnings.push(`include: skipped ${f}, a name the artifact uses itself`);
      else files.add(f);
    }
  }
  return { files: [...files].sort(), warnings };
}
