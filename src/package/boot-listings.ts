/**
 * Folders the app lists while it boots, present in the staged artifact with fewer entries than the
 * project has. A static server that walks its folder once at start (sirv, which Vite's SSR template,
 * SvelteKit's adapter-node and Polka serve with) answers only what it saw then; when tracing shipped
 * one file of that folder (`readFile('./dist/client/index.html')`), the walk finds that file alone and
 * every asset answers as a missing page. The rest of a listed folder ships, and the check boots again.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { listFiles } from './glob';

const slash = (p: string) => p.split('\\').join('/');
/** The project's root (listing it means nothing about shipping) and what never ships whole. */
const SKIP = /(^|\/)(node_modules|\.git|\.zap)(\/|$)/;

/** Project-relative files under the folders the boot listed that the staged folders lack. */
export function unlistedFiles(projectDir: string, stageDir: string, listed: string[] | undefined): string[] {
  const out = new Set<string>();
  for (const abs of listed ?? []) {
    const rel = slash(relative(stageDir, abs));
    if (!rel || rel.startsWith('..') || isAbsolute(rel) || SKIP.test(rel)) continue;
    const local = join(projectDir, rel);
    if (!existsSync(abs) || !existsSync(local) || !statSync(local).isDirectory()) continue;
    const staged = new Set(readdirSync(abs));
    for (const name of readdirSync(local)) {
      if (staged.has(name) || SKIP.test(name)) continue;
      const entry = `${rel}/${name}`;
      const st = statSync(join(local, name));
      if (st.isDirectory()) for (const f of listFiles(projectDir, entry)) out.add(f);
      else if (st.isFile()) out.add(entry);
    }
  }
  return [...out].sort();
}
