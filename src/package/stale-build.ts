/**
 * A server that loads its framework's build (Vite's `./dist/server/entry-server.js`, SvelteKit's
 * `./build/handler.js`, React Router's `./build/server/index.js`, Astro's `./dist/server/entry.mjs`)
 * packaged after the pages were edited but before the build ran again: the zip holds the old pages,
 * and nothing else would say so (zap reuses its last zip too, since the build's files did not change).
 * Said by comparing times, whether or not the zip is reused.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileText } from './file-text';
import { listFiles } from './glob';

/** A build's output named by a literal path in the app's entry. */
const OUTPUT = /['"`](?:\.\/)?((?:dist|build)\/[^'"`$\s]+\.[cm]?js)['"`]/g;
/** Page and component sources that only the framework's build compiles (zap bundles the rest itself). */
const PAGE = /\.(jsx|tsx|vue|svelte|astro|mdx|marko)$/;

const mtime = (path: string) => statSync(path, { throwIfNoEntry: false })?.mtimeMs;

export function staleBuildWarning(projectDir: string, appFile: string): string | undefined {
  let text: string;
  try {
    text = fileText(join(projectDir, appFile));
  } catch {
    return undefined;
  }
  const outputs = [...new Set([...text.matchAll(OUTPUT)].map((m) => m[1]!))].filter((f) => mtime(join(projectDir, f)) !== undefined);
  if (outputs.length === 0) return undefined;
  const oldest = outputs.reduce((a, b) => (mtime(join(projectDir, a))! <= mtime(join(projectDir, b))! ? a : b));
  const built = mtime(join(projectDir, oldest))!;
  const pages = ['src', 'app'].filter((d) => statSync(join(projectDir, d), { throwIfNoEntry: false })?.isDirectory()).flatMap((d) => listFiles(projectDir, d));
  const newer = pages.filter((f) => PAGE.test(f) && mtime(join(projectDir, f))! > built);
  if (newer.length === 0) return undefined;
  const newest = newer.reduce((a, b) => (mtime(join(projectDir, a))! >= mtime(join(projectDir, b))! ? a : b));
  return `${oldest} is older than ${newest}${newer.length > 1 ? ` and ${newer.length - 1} more` : ''} (changed since the last build): the zip holds the old build; run the project's build (\`npm run build\`) before zap deploy`;
}
