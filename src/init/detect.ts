/** What a source file says about the app it may hold or start: pure, from the text alone. */
export interface AppCandidate {
  file: string;
  /** The export holding the app ("default" for `export default` and `module.exports =`). */
  exportName?: string;
  /** Calls listen(), guarded or not: on Lambda zap captures it. */
  listens: boolean;
  /** What guards that listen() under node (it always runs inside a bundle, and is captured there). */
  guard?: '!module.parent' | 'require.main' | 'import.meta';
  createsApp: boolean;
  /** Loads a file of the project (`require('./app')`): the app, or its listen(), may be there. */
  loadsLocal: boolean;
  /** The export is an async function: zap calls it with no arguments and awaits the app. */
  asyncFactory: boolean;
  /** listen() inside a `.then(` or after `await`: zap waits for it. */
  listensLater: boolean;
  topLevelAwait: boolean;
}

const CREATES_APP = /\b(?:express|createApp|createServer|Koa|connect)\s*\(\s*[^)]*\)|require\(\s*['"]express['"]\s*\)\s*\(/;
const LISTEN = /\.listen\s*\(/;
const GUARDS: [AppCandidate['guard'] & string, RegExp][] = [
  ['!module.parent', /!\s*module\.parent/],
  ['require.main', /require\.main\s*===?\s*module|module\s*===?\s*require\.main/],
  ['import.meta', /import\.meta\.main|process\.argv\[1\]\s*===|fileURLToPath\(import\.meta\.url\)\s*===/],
];
const LOADS_LOCAL = /require\(\s*['"]\.\.?\/|\bfrom\s+['"]\.\.?\/|import\s*\(\s*['"]\.\.?\//;

export function inspectSource(file: string, text: string): AppCandidate {
  const code = text.replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
  const listens = LISTEN.test(code);
  return {
    file,
    exportName: exportOf(code),
    listens,
    guard: listens ? GUARDS.find(([, re]) => re.test(code))?.[0] : undefined,
    createsApp: CREATES_APP.test(code),
    loadsLocal: LOADS_LOCAL.test(code),
    asyncFactory: /module\.exports\s*=\s*async\b|export\s+default\s+async\b/.test(code),
    listensLater: listens && !TOP_LEVEL_LISTEN.test(code) && /\.then\s*\([\s\S]*\.listen\s*\(|\bawait\b[\s\S]*\.listen\s*\(/.test(code),
    topLevelAwait: /^(?:export\s+default\s+await|(?:const|let|var)\s+[\w{}\s,]+=\s*await|await)\b/m.test(code),
  };
}

/** A listen() that starts a line at column 0 runs at load, whatever promise the module starts elsewhere. */
const TOP_LEVEL_LISTEN = /^(?:(?:const|let|var)\s+[\w$]+\s*=\s*|module\.exports\s*=\s*|export\s+default\s+)?[\w$.]+(?:\([^()\n]*\))?\.listen\s*\(/m;

function exportOf(code: string): string | undefined {
  if (/export\s+default\b|module\.exports\s*=(?!\s*\{)/.test(code)) return 'default';
  const named = /export\s+(?:const|let|var)\s+(app|server|application)\b/.exec(code) ?? /export\s*\{[^}]*\b(app|server|application)\b[^}]*\}/.exec(code);
  if (named) return named[1];
  const cjs = /(?:module\.)?exports\.(app|server|application)\s*=/.exec(code) ?? /module\.exports\s*=\s*\{[^}]*\b(app)\b/.exec(code);
  return cjs?.[1];
}

/** The settings value for an app candidate: "src/app.ts#app", or just the path for a default export or a listen(). */
export function appSetting(c: AppCandidate): string {
  return c.exportName && c.exportName !== 'default' ? `${c.file}#${c.exportName}` : c.file;
}

/** How zap will obtain the app from this file, in words for `zap init` (the boot check at `zap package` confirms it). */
export function describeCandidate(c: AppCandidate): string {
  const parts: string[] = [];
  if (c.topLevelAwait) parts.push('uses top-level await (bundled as ESM, awaited before the first request)');
  if (c.exportName && c.asyncFactory) parts.push(`exports an async factory${c.exportName === 'default' ? '' : ` "${c.exportName}"`} (called once with no arguments, awaited)`);
  else if (c.exportName && c.createsApp) parts.push(`exports the app${c.exportName === 'default' ? '' : ` as "${c.exportName}"`}`);
  else if (c.exportName && !c.listens) parts.push(`exports ${c.exportName === 'default' ? 'a default' : `"${c.exportName}"`}, taken as the app (\`zap package\` checks it)`);
  if (c.listens) {
    const guard = c.guard ? ` behind ${c.guard}` : '';
    const later = c.listensLater ? ' after an async start (zap waits for it)' : '';
    parts.push(`calls listen()${guard}${later}: on Lambda it binds no port and its request handler serves the function`);
  }
  if (listensOnlyWhenStarted(c)) return `calls listen() only behind ${c.guard}, which is never true on Lambda, and exports no app`;
  if (!parts.length && c.loadsLocal) parts.push('loads the project\'s modules: zap serves what it exports or the server it starts with listen()');
  return parts.length ? parts.join('; ') : 'exports nothing and calls no listen()';
}

/**
 * A listen() behind require.main or import.meta runs only when node starts the file itself, which
 * is never the case inside the bundle (unlike `!module.parent`, which is always true there).
 */
export function listensOnlyWhenStarted(c: AppCandidate): boolean {
  return c.listens && (c.guard === 'require.main' || c.guard === 'import.meta') && c.exportName === undefined;
}

/** Whether zap can serve this file as the entry: it exports something, listens, or loads a module that may. */
export function mayServe(c: AppCandidate): boolean {
  if (listensOnlyWhenStarted(c)) return false;
  return c.exportName !== undefined || c.listens || c.loadsLocal;
}

/** Files where apps usually live, most likely first (express-generator's app.js beside bin/www included). */
export const CANDIDATE_FILES = [
  'src/app.ts', 'src/app.js', 'src/app.mjs', 'src/app.cjs', 'app.ts', 'app.js', 'app.mjs', 'app.cjs',
  'src/server.ts', 'src/server.js', 'server.ts', 'server.js', 'src/index.ts', 'src/index.js', 'index.ts', 'index.js', 'src/main.ts', 'main.js',
];
