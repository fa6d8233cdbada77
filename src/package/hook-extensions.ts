/**
 * A module of a kind esbuild cannot compile (`.marko`, `.coffee`, `.svelte` required directly),
 * which the app compiles at run time through a require hook (`require('@marko/compiler/register')`,
 * `coffeescript/register`): the bundle never passes through the hook, so the file cannot be bundled.
 * Said as such with the hook and the fix, instead of esbuild's "No loader is configured".
 */
import type { Message } from 'esbuild';
import { join } from 'node:path';
import { fileText } from './file-text';

/** `require('x/register')` / `import 'x/register'` in the importing file: the hook that compiles it under node. */
function hookIn(projectDir: string, file: string): string | undefined {
  try {
    return /\b(?:require\(|import\s*\(?)\s*['"]([^'"]*\/register(?:\.js)?)['"]/.exec(fileText(join(projectDir, file)))?.[1];
  } catch {
    return undefined;
  }
}

export function uncompilableModuleLine(m: Message, projectDir?: string): string | undefined {
  const hit = /No loader is configured for "(\.[\w-]+)" files: (.+)$/.exec(m.text);
  if (!hit || hit[1] === '.node' || !m.location) return undefined;
  const [, ext, file] = hit;
  const at = `${m.location.file}:${m.location.line}`;
  const hook = projectDir && !m.location.file.includes('node_modules/') ? hookIn(projectDir, m.location.file) : undefined;
  return (
    `${at} loads ${file}, a "${ext}" file ${hook ? `that the require hook ${hook} compiles at run time` : 'that only a require hook or a build step can compile'}; ` +
    `zap bundles with esbuild, which cannot compile ${ext} files: compile them to JavaScript ahead of time (the framework's own build) and load the output instead`
  );
}
