/** Small, line-preserving edits of a module's text before esbuild parses it. */
import type { Loader } from 'esbuild';

/** The source files esbuild parses as JavaScript or TypeScript. */
export const SOURCE_FILE = /\.[cm]?[jt]sx?$/;

export function loaderFor(path: string): Loader {
  if (/\.[cm]?ts$/.test(path)) return 'ts';
  if (path.endsWith('.tsx')) return 'tsx';
  // JSX in .js files too, as Babel-compiled projects write it (jsx-in-js.ts): a superset of JavaScript.
  return 'jsx';
}

/** A hashbang line, comments and blank space, then directives such as 'use strict' (each ended by ";" or a line break). */
const PROLOGUE = /^(?:#![^\n]*\n)?(?:\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*(?:(['"])[^'"\\\n]*\1[ \t]*(?:;|(?=\r?\n))(?:\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*)*/;

/**
 * `code` placed after the hashbang and the directive prologue (so 'use strict' stays a directive),
 * on the line where the module's own code starts, so line numbers in stack traces do not move.
 */
export function insertAfterDirectives(source: string, code: string): string {
  if (!code) return source;
  const at = PROLOGUE.exec(source)?.[0].length ?? 0;
  return `${source.slice(0, at)};${code}${source.slice(at)}`;
}
