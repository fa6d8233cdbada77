/** What a source file says about the Express app it may hold: pure, from the text alone. */
export interface AppCandidate {
  file: string;
  /** The export holding the app ("default" for `export default` and `module.exports =`). */
  exportName?: string;
  /** The file calls listen() on import, unguarded. */
  listens: boolean;
  createsApp: boolean;
}

const CREATES_APP = /\b(?:express|createApp|createServer)\s*\(\s*\)/;
const LISTEN = /\.listen\s*\(/;
// A listen() behind one of these runs only when the file is started directly, not when imported.
const GUARDED = /require\.main\s*===\s*module|import\.meta\.main|process\.argv\[1\]\s*===|fileURLToPath\(import\.meta\.url\)\s*===/;

export function inspectSource(file: string, text: string): AppCandidate {
  const code = text.replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
  return { file, exportName: exportOf(code), listens: LISTEN.test(code) && !GUARDED.test(code), createsApp: CREATES_APP.test(code) };
}

function exportOf(code: string): string | undefined {
  if (/export\s+default\b|module\.exports\s*=\s*(?!\{)/.test(code)) return 'default';
  const named = /export\s+(?:const|let|var)\s+(app|server|application)\b/.exec(code) ?? /export\s*\{[^}]*\b(app|server|application)\b[^}]*\}/.exec(code);
  if (named) return named[1];
  const cjs = /(?:module\.)?exports\.(app|server|application)\s*=/.exec(code) ?? /module\.exports\s*=\s*\{[^}]*\b(app)\b/.exec(code);
  return cjs?.[1];
}

/** The settings value for an app candidate: "src/app.ts#app", or just the path for a default export. */
export function appSetting(c: AppCandidate): string {
  return c.exportName && c.exportName !== 'default' ? `${c.file}#${c.exportName}` : c.file;
}

/** Files where apps usually live, most likely first (express-generator's app.js beside bin/www included). */
export const CANDIDATE_FILES = [
  'src/app.ts', 'src/app.js', 'src/app.mjs', 'src/app.cjs', 'app.ts', 'app.js', 'app.mjs', 'app.cjs',
  'src/server.ts', 'src/server.js', 'server.ts', 'server.js', 'src/index.ts', 'src/index.js', 'index.ts', 'index.js', 'src/main.ts', 'main.js',
];
