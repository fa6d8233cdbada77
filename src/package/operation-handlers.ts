/**
 * express-openapi-validator's `operationHandlers` load each route's module on the first request,
 * by `require(path.join(basePath, <x-eov-operation-handler>))`: a path named only in the OpenAPI
 * document, which no bundler or tracer follows and the boot check never sees loaded. Left alone,
 * every route answered 500 "Cannot find module". The project's OpenAPI documents name those modules;
 * zap bundles the project modules they name, as `include` bundles modules, so they share the app's
 * packages and the adapter serves each require() of their path.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findPackageDir } from './externals';
import { listFiles } from './glob';

export const OPERATION_HANDLER_REASON = 'bundled: an operation handler named in';

/** `x-eov-operation-handler: routes/pets` in YAML, `"x-eov-operation-handler": "routes/pets"` in JSON. */
const NAMED = /["']?x-eov-operation-handler["']?\s*:\s*["']?([^"'\s,#}]+)/g;
/** With `resolver: resolvers.modulePathResolver`, `operationId: pets.list` names module `pets`, function `list`. */
const DOTTED_ID = /["']?operationId["']?\s*:\s*["']?([\w$/-]+)\.[\w$]+["']?/g;
const SOURCE = /\.[cm]?[jt]s$/;
const DOCUMENT = /\.(ya?ml|json)$/;
const MODULE_SUFFIX = /(\/index)?\.[cm]?[jt]s$/;
/** OpenAPI documents are small; a larger JSON file is data, not read for this. */
const MAX_DOCUMENT = 2_000_000;

export interface OperationHandlers {
  /** Project-relative module files to bundle, each with the document that names it. */
  modules: Map<string, string>;
  warnings: string[];
}

function readSmall(projectDir: string, f: string): string | undefined {
  try {
    return statSync(join(projectDir, f)).size > MAX_DOCUMENT ? undefined : readFileSync(join(projectDir, f), 'utf8');
  } catch {
    return undefined;
  }
}

function namedHandlers(projectDir: string, documents: string[], byOperationId: boolean): Map<string, string> {
  const named = new Map<string, string>();
  for (const f of documents) {
    const text = readSmall(projectDir, f);
    if (!text || !(text.includes('x-eov-operation-handler') || (byOperationId && text.includes('operationId')))) continue;
    for (const m of text.matchAll(NAMED)) if (!named.has(m[1]!)) named.set(m[1]!, f);
    if (byOperationId) for (const m of text.matchAll(DOTTED_ID)) if (!named.has(m[1]!)) named.set(m[1]!, f);
  }
  return named;
}

/** The handler modules the project's OpenAPI documents name, when the project uses express-openapi-validator. */
export function operationHandlers(projectDir: string): OperationHandlers {
  const out: OperationHandlers = { modules: new Map(), warnings: [] };
  if (!findPackageDir(projectDir, 'express-openapi-validator')) return out;
  const files = listFiles(projectDir);
  const byOperationId = files.some((f) => SOURCE.test(f) && !f.endsWith('.d.ts') && readSmall(projectDir, f)?.includes('modulePathResolver'));
  const named = namedHandlers(projectDir, files.filter((f) => DOCUMENT.test(f)), byOperationId);
  if (named.size === 0) return out;
  const modules = files.filter((p) => MODULE_SUFFIX.test(p) && !p.endsWith('.d.ts'));
  // basePath is the app's own choice (often __dirname or a controllers folder): any module whose path ends with the name fits.
  for (const [name, doc] of named) {
    const tail = name.replace(/^\.?\//, '').replace(/\.[cm]?[jt]s$/, '');
    const hits = modules.filter((p) => {
      const bare = p.replace(MODULE_SUFFIX, '');
      return bare === tail || bare.endsWith('/' + tail);
    });
    for (const h of hits) out.modules.set(h, doc);
    if (hits.length === 0) {
      out.warnings.push(`${doc} names the operation handler module "${name}", but no module of the project is at that path: its routes will answer 500 "Cannot find module", as under node`);
    }
  }
  return out;
}

/** express-openapi-validator's own computed require is served once its handlers are bundled: its warning would send the user to "external" for nothing. */
export function isHandledResolverNote(note: string): boolean {
  return note.startsWith('"express-openapi-validator" loads a module by computed name');
}
