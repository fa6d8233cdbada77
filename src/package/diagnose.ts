import type { Message } from 'esbuild';
import { UserError } from '../core/errors';
import { packageOf } from './packages';
import type { AppRef } from './app-ref';
import { ENTRY_FILE } from './entry';
import { missingOwnImport } from './unbuilt';
import { uncompilableModuleLine } from './hook-extensions';
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A file of the imported name in a language esbuild does not read (`./app` → app.ls beside it), which a require hook compiled. */
function otherLanguageFile(projectDir: string | undefined, m: Message, missing: string): boolean {
  if (!projectDir || !m.location) return false;
  const target = join(projectDir, dirname(m.location.file), missing);
  if (!existsSync(dirname(target))) return false;
  return readdirSync(dirname(target)).some((f) => f.startsWith(`${basename(target)}.`));
}

function where(m: Message): string {
  return m.location ? `${m.location.file}:${m.location.line}` : '';
}

/**
 * esbuild's build errors → one UserError that says what to change. When each error is one the user
 * fixes in the project or zap.json (a native addon, a package not installed), the exit code is 2.
 */
export function explainBuildErrors(errors: Message[], stage: string, projectDir?: string): UserError {
  let known = 0;
  // A package that picks its addon by pattern also names the package to keep external for the
  // addon packages it installs per platform (sharp for @img/sharp-linux-x64).
  const loader = errors.map(addonPatternOwner).find((o) => o !== undefined);
  const lines = errors.slice(0, 8).map((m) => {
    const line = explainOne(m, stage, loader, projectDir);
    if (line !== undefined) known++;
    return line ?? `${m.text}${m.location ? ` (${where(m)})` : ''}`;
  });
  return new UserError(`cannot bundle the app:\n  ${[...new Set(lines)].join('\n  ')}`, known === lines.length ? 2 : 1);
}

/** The package behind sharp's `require(\`../src/build/Release/sharp-${platform}.node\`)`: a native addon found by a computed path. */
function addonPatternOwner(m: Message): string | undefined {
  return /Could not resolve require\("[^"]*\.node"\)/.test(m.text) && m.location ? packageOf(m.location.file)?.name : undefined;
}

function explainOne(m: Message, stage: string, loader?: string, projectDir?: string): string | undefined {
  const nativeFile = /No loader is configured for "\.node" files: (.+)$/.exec(m.text)?.[1];
  if (nativeFile) {
    const own = packageOf(nativeFile)?.name ?? nativeFile;
    // The package whose code loads the addon is the one to keep out of the bundle: sharp, not the
    // @img/sharp-linux-x64 it picks for this machine (external, sharp then finds the right one itself).
    const requirer = m.location ? packageOf(m.location.file)?.name : undefined;
    const pkg = requirer && requirer !== own ? requirer : loader ?? own;
    return `"${pkg}" ${pkg === own ? 'is' : 'loads'} a native addon (${nativeFile}) and cannot be bundled: add "${pkg}" to "external" in zap.json (stage '${stage}') so it is copied from node_modules, built for Linux on the function's architecture`;
  }
  const uncompilable = uncompilableModuleLine(m, projectDir);
  if (uncompilable) return uncompilable;
  // A package that finds its addon by a pattern (sharp's require(`../src/build/Release/sharp-${platform}.node`)).
  const patternOwner = addonPatternOwner(m);
  if (patternOwner) {
    return `"${patternOwner}" loads a native addon and cannot be bundled: add "${patternOwner}" to "external" in zap.json (stage '${stage}') so it is copied from node_modules, built for Linux on the function's architecture`;
  }
  const missing = /Could not resolve "([^"]+)"/.exec(m.text)?.[1];
  if (missing && /^\.{1,2}(\/|$)/.test(missing) && otherLanguageFile(projectDir, m, missing)) {
    return (
      `${where(m)} imports "${missing}", and no file of that name that zap can bundle exists (.js, .cjs, .mjs, .ts, .tsx, .jsx, .json; .coffee with coffeescript installed): ` +
      `a module in another language, loaded through a require hook, must be compiled to JavaScript first`
    );
  }
  if (missing) {
    // The project's own file that is not there: a build's output, or a wrong path; never an npm package.
    const own = projectDir && m.location ? missingOwnImport(projectDir, m.location.file, m.location.line, missing) : undefined;
    if (own) return own.error ?? `${where(m)} imports ${missing}, which does not exist: fix the path, or run the build that makes it`;
    return `${where(m)} imports "${missing}", which is not installed: run \`npm i ${missing}\`, or add it to "external" in zap.json if Lambda provides it`;
  }
  if (/No matching export/.test(m.text)) return `${m.text} (${where(m)}): fix "app" in zap.json (stage '${stage}')`;
  if (/Top-level await/i.test(m.text)) {
    return `${where(m)} uses top-level await, which a CommonJS bundle cannot hold: move it into a function the app awaits on its first request`;
  }
  return undefined;
}

/** A missing ESM export of the app is a build-time certainty; say so before anything ships. */
export function missingExportError(warnings: Message[], ref: AppRef, stage: string): UserError | undefined {
  // No `#export` in the setting: a module with no default export may still call listen().
  if (ref.exportName === 'default') return undefined;
  const hit = warnings.find((w) => w.id === 'import-is-undefined' && w.location?.file === ENTRY_FILE);
  if (!hit) return undefined;
  return new UserError(
    `zap.json: stage '${stage}', key 'app': ${ref.file} has no export named "${ref.exportName}" (${hit.text}). ` +
      `Set "app" to "${ref.file}#<the export that holds your Express app>".`,
    2,
  );
}

/** Express loads a view engine by name (`require(ext)` in express/lib/view.js); zap ships known engines unbundled. */
export function isExpressViewRequire(m: Message): boolean {
  return /node_modules\/express\/lib\/view\.js$/.test(m.location?.file ?? '');
}

/** zap's own adapter imports by computed path on purpose (src/runtime/adapter/computed-require.ts). */
function isZapAdapter(m: Message): boolean {
  return /(^|\/)dist\/runtime\/adapter\.js$/.test(m.location?.file ?? '');
}

/**
 * Computed require()s esbuild left alone. A package's may fail on Lambda unless what it loads is
 * external; a project file's is served from the bundle when zap traced what it loads (`followed`,
 * project-relative paths), and is reported only when it did not.
 */
export function computedRequireNotes(warnings: Message[], followed: ReadonlySet<string> = new Set()): string[] {
  const notes = new Map<string, string>();
  for (const w of warnings) {
    if (w.id !== 'unsupported-require-call' && w.id !== 'unsupported-dynamic-import') continue;
    if (isExpressViewRequire(w) || isZapAdapter(w)) continue;
    const pkg = w.location ? packageOf(w.location.file) : undefined;
    if (!pkg && w.location && followed.has(w.location.file)) continue;
    const key = pkg?.name ?? where(w);
    notes.set(
      key,
      pkg
        ? `"${pkg.name}" loads a module by computed name (${where(w)}); if it fails on Lambda, add what it loads to "external" in zap.json`
        : `${where(w)} loads a module by a computed name zap could not follow: if it is a package, add it to "external" in zap.json; ` +
            `if it is a local file, list it in "include" (zap then bundles it with the app) or build its path from __dirname and string literals (e.g. path.join(__dirname, 'routes', name)) so zap traces it`,
    );
  }
  return [...notes.values()];
}

const HANDLED = new Set(['import-is-undefined', 'unsupported-require-call', 'unsupported-dynamic-import', 'ignored-dynamic-import']);

/** esbuild's other warnings about the project's own code (dependencies' are theirs to fix), one line each. */
export function projectWarnings(warnings: Message[]): string[] {
  return warnings
    .filter((w) => !HANDLED.has(w.id) && w.location && !w.location.file.includes('node_modules/') && w.location.file !== ENTRY_FILE)
    .map((w) => `${where(w)}: ${w.text}`);
}
