/** The file a package.json starts: its `scripts.start` (`node server.js`, `nodemon src/index.js`, `tsx src/server.ts`, …) or `main`. Pure. */

export interface PackageJson {
  main?: unknown;
  scripts?: Record<string, unknown>;
}

export interface StartedEntry {
  /** As written, e.g. "./bin/www" or "src/server.ts". */
  file: string;
  /** Where it was read, for messages: `"start": "node ./bin/www"` or `"main"`. */
  source: string;
}

/** Programs that run a file given as their first non-option argument. */
const RUNNERS = new Set(['node', 'nodejs', 'nodemon', 'tsx', 'ts-node', 'ts-node-dev', 'tsnd', 'babel-node', 'node-dev', 'bun', 'supervisor', 'forever']);
/** Options of those runners that take a value as the next word. */
const WITH_VALUE = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader', '-w', '--watch-path', '--exec', '-e', '--ext', '--env-file', '-P', '--project', '--inspect-port', '--title', '--tsconfig']);
/** Wrappers that run the rest of the line. */
const WRAPPERS = new Set(['cross-env', 'dotenv', 'env', 'npx', 'exec', '--']);

/** The first command of a script (before &&, ;, |), split on spaces, quotes dropped. */
function words(script: string): string[] {
  const first = script.split(/&&|\|\||;|\|/)[0] ?? '';
  return first.trim().split(/\s+/).map((w) => w.replace(/^['"]|['"]$/g, '')).filter(Boolean);
}

/** The file a start script runs, or undefined when it runs something else (a build tool, `npm run x`, a binary). */
export function fileOfScript(script: string): string | undefined {
  const ws = words(script);
  let i = 0;
  const skipped = () => /^[A-Za-z_][A-Za-z0-9_]*=/.test(ws[i]!) || WRAPPERS.has(ws[i]!);
  while (i < ws.length && skipped()) i++;
  if (!RUNNERS.has(ws[i]?.replace(/^.*\//, '') ?? '')) return undefined;
  for (i++; i < ws.length; i++) {
    const w = ws[i]!;
    if (w === 'run' || w === 'start' || w === 'watch') continue; // `bun run x`, `forever start x`, `tsx watch x`
    if (w.startsWith('-')) {
      if (WITH_VALUE.has(w)) i++;
      continue;
    }
    return w;
  }
  return undefined;
}

export function startedEntry(pkg: PackageJson): StartedEntry | undefined {
  const start = pkg.scripts?.start;
  if (typeof start === 'string') {
    const file = fileOfScript(start);
    if (file) return { file, source: `"start": ${JSON.stringify(start)}` };
  }
  if (typeof pkg.main === 'string' && pkg.main.trim()) return { file: pkg.main.trim(), source: `"main": ${JSON.stringify(pkg.main)}` };
  return undefined;
}
