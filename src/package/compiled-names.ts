/**
 * A TypeScript app that runs from its build (`"start": "node build/index.js"`) lists its modules
 * by the names tsc gives them: routing-controllers' `controllers: [__dirname + '/controllers/*.js']`,
 * TypeORM's `entities: [__dirname + '/entity/*.js']`. zap bundles the TypeScript source, where that
 * folder holds `.ts` files only: the pattern matched nothing and every route answered 404 after a
 * deploy that said it succeeded. When the boot listed a folder of TypeScript modules and loaded none
 * of them, zap bundles those modules and ships each under its compiled name too (`UserController.js`,
 * a file that only marks the place); a require() of that name gets the bundled module, as TypeScript
 * itself maps `./x.js` to `x.ts` (src/runtime/adapter/computed-require.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const TS_MODULE = /\.(ts|tsx|mts|cts)$/;
const COMPILED: Record<string, string> = { ts: 'js', tsx: 'js', mts: 'mjs', cts: 'cjs' };

export const COMPILED_NAME_REASON = 'the compiled name of';
export const COMPILED_MODULE_REASON = 'bundled: listed at boot under its compiled name (.js)';

/** `src/controllers/User.ts` → `src/controllers/User.js`, as tsc names it. */
export function compiledName(file: string): string {
  return file.replace(TS_MODULE, (_m, ext: string) => '.' + COMPILED[ext]);
}

/**
 * The TypeScript modules the boot listed but loaded none of (shipped only as files), in a TypeScript
 * app: each lacks its compiled name. Modules the bundle already holds were imported by the app, and
 * are read as text at most (swagger-jsdoc's `apis: ['./src/routes/*.ts']` reads their comments).
 */
export function listedTypeScript(projectDir: string, entryFile: string, shipped: string[], bundled: ReadonlySet<string>): string[] {
  if (!TS_MODULE.test(entryFile)) return [];
  return shipped.filter((f) => TS_MODULE.test(f) && !f.endsWith('.d.ts') && !bundled.has(join(projectDir, f)) && !existsSync(join(projectDir, compiledName(f))));
}

/** What ships under the compiled name: never run (the bundle serves the name), it says where the code is if read. */
export function compiledNameSource(file: string): Buffer {
  return Buffer.from(`// ${file}: bundled by zap with the app; a require() of this path gets the bundled module\n`);
}
