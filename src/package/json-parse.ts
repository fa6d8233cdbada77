/**
 * Large JSON files bundled as `module.exports = JSON.parse("…")`, the way Node's own require()
 * loads a .json file, instead of esbuild's object literal. V8 reads JSON text faster than it runs
 * the same object as JavaScript (its own guidance: JSON.parse for objects of 10 kB and more), and
 * the code cache need not carry the literal's description. Every Express app loads one such file
 * at start: mime-db's 190 kB database (through mime-types). The value is the same as Node's
 * require() gives (JSON.parse keeps a "__proto__" key as data, where a literal would set the
 * prototype). zap.json `json_parse: false` keeps esbuild's literals (bench: "JSON as JSON.parse").
 */
import type { Plugin } from 'esbuild';
import { fileText } from './file-text';

/** From this size on: V8's threshold for JSON.parse beating an object literal. */
export const JSON_PARSE_MIN_BYTES = 10 * 1024;

/**
 * Module texts already made, by the JSON text: every build of an Express app reads the same
 * mime-db, and a process that packages more than once (deploy after a failed boot check, tests)
 * need not parse it again. A few entries: the same large files come back, not new ones.
 */
const made = new Map<string, string | undefined>();
const MADE_MAX = 32;
/** A file larger than this is not kept (memory). */
const MADE_LARGEST = 8 * 1024 * 1024;

/** The module text for a JSON file, or undefined to leave it to esbuild (small, or not plain JSON). */
export function jsonParseModule(text: string, minBytes = JSON_PARSE_MIN_BYTES): string | undefined {
  if (Buffer.byteLength(text) < minBytes) return undefined;
  if (made.has(text)) return made.get(text);
  const module = moduleFor(text);
  if (text.length > MADE_LARGEST) return module;
  if (made.size >= MADE_MAX) made.delete(made.keys().next().value!);
  made.set(text, module);
  return module;
}

function moduleFor(text: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    // Not strict JSON (comments, trailing commas): esbuild's own loader says what is wrong.
    return undefined;
  }
  return `module.exports = JSON.parse(${JSON.stringify(JSON.stringify(value))});\n`;
}

export function jsonParsePlugin(minBytes = JSON_PARSE_MIN_BYTES): Plugin {
  return {
    name: 'zap-json-parse',
    setup(build) {
      build.onLoad({ filter: /\.json$/, namespace: 'file' }, async (args) => {
        const contents = jsonParseModule(fileText(args.path), minBytes);
        return contents === undefined ? undefined : { contents, loader: 'js' };
      });
    },
  };
}
