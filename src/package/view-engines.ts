import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Engines Express loads by name for `app.set('view engine', X)` (`require(ext).__express` in
 * express/lib/view.js), which no bundler can follow. When the project depends on one, zap ships it
 * unbundled from node_modules instead.
 */
const ENGINES_LOADED_BY_NAME = ['ejs', 'pug', 'jade', 'hbs', 'twig', 'squirrelly', 'swig', 'vash', 'haml', 'hjs', 'teacup'];

export function viewEnginesIn(projectDir: string): string[] {
  let pkg: { dependencies?: Record<string, string> };
  try {
    pkg = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8')) as typeof pkg;
  } catch {
    return [];
  }
  const deps = Object.keys(pkg.dependencies ?? {});
  return ENGINES_LOADED_BY_NAME.filter((engine) => deps.includes(engine));
}
