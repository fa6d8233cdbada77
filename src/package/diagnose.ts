import type { Message } from 'esbuild';
import { UserError } from '../core/errors';
import { packageOf } from './packages';
import type { AppRef } from './app-ref';
import { ENTRY_FILE } from './entry';

function where(m: Message): string {
  return m.location ? `${m.location.file}:${m.location.line}` : '';
}

/** esbuild's build errors → one UserError that says what to change. */
export function explainBuildErrors(errors: Message[], stage: string): UserError {
  const lines = errors.slice(0, 8).map((m) => {
    const nativeFile = /No loader is configured for "\.node" files: (.+)$/.exec(m.text)?.[1];
    if (nativeFile) {
      const pkg = packageOf(nativeFile)?.name ?? nativeFile;
      return `"${pkg}" is a native addon (${nativeFile}) and cannot be bundled: add "${pkg}" to "external" in zap.json (stage '${stage}') so it is copied from node_modules, built for Linux on the function's architecture`;
    }
    const missing = /Could not resolve "([^"]+)"/.exec(m.text)?.[1];
    if (missing) {
      return `${where(m)} imports "${missing}", which is not installed: run \`npm i ${missing}\`, or add it to "external" in zap.json if Lambda provides it`;
    }
    if (/No matching export/.test(m.text)) return `${m.text} (${where(m)}): fix "app" in zap.json (stage '${stage}')`;
    if (/Top-level await/i.test(m.text)) {
      return `${where(m)} uses top-level await, which a CommonJS bundle cannot hold: move it into a function the app awaits on its first request`;
    }
    return `${m.text}${m.location ? ` (${where(m)})` : ''}`;
  });
  return new UserError(`cannot bundle the app:\n  ${lines.join('\n  ')}`);
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

/** Computed require()s esbuild left alone: each may fail on Lambda unless the module ships beside the bundle. */
export function computedRequireNotes(warnings: Message[]): string[] {
  const notes = new Map<string, string>();
  for (const w of warnings) {
    if (w.id !== 'unsupported-require-call' && w.id !== 'unsupported-dynamic-import') continue;
    if (isExpressViewRequire(w)) continue;
    const pkg = w.location ? packageOf(w.location.file) : undefined;
    const key = pkg?.name ?? where(w);
    notes.set(
      key,
      pkg
        ? `"${pkg.name}" loads a module by computed name (${where(w)}); if it fails on Lambda, add what it loads to "external" in zap.json`
        : `${where(w)} loads a module by computed name, which cannot be bundled: import it by a fixed name, or add the package to "external" in zap.json`,
    );
  }
  return [...notes.values()];
}

const HANDLED = new Set(['import-is-undefined', 'unsupported-require-call', 'unsupported-dynamic-import']);

/** esbuild's other warnings about the project's own code (dependencies' are theirs to fix), one line each. */
export function projectWarnings(warnings: Message[]): string[] {
  return warnings
    .filter((w) => !HANDLED.has(w.id) && w.location && !w.location.file.includes('node_modules/') && w.location.file !== ENTRY_FILE)
    .map((w) => `${where(w)}: ${w.text}`);
}
