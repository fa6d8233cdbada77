/**
 * The JSON Schema check of one stage's settings, compiled by ajv on first use. `npm run build`
 * swaps this file for ajv's standalone code generated from the same schema and options
 * (scripts/stage-validator.mjs), so the CLI never compiles the schema at start. Code that imports
 * src (the tests, a fresh module registry per test file) keeps the same standalone code in
 * node_modules/.cache, named by a hash of ajv's version, the schema and the options, so the ~100 ms
 * compile happens once per schema rather than once per process.
 */
import Ajv, { type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { packageRoot } from '../util/package-root';
import { stageSchema } from './schema';

/** Every problem at once, so a zap.json with three mistakes gets three lines. */
export const AJV_OPTIONS: Options = { allErrors: true };

let compiled: ValidateFunction | undefined;

/** The standalone module kept from an earlier process, or the schema compiled now (and kept). */
function stageCheck(): ValidateFunction {
  const schema = stageSchema();
  const root = packageRoot();
  const req = createRequire(join(root, 'package.json'));
  let file: string | undefined;
  try {
    const ajvVersion = (req('ajv/package.json') as { version: string }).version;
    const key = createHash('sha256').update(`${ajvVersion}\n${JSON.stringify(AJV_OPTIONS)}\n${JSON.stringify(schema)}`).digest('hex').slice(0, 24);
    file = join(root, 'node_modules', '.cache', 'zap', `stage-check-${key}.cjs`);
    const module = { exports: {} as unknown };
    new Function('module', 'exports', 'require', readFileSync(file, 'utf8'))(module, module.exports, req);
    if (typeof module.exports === 'function') return module.exports as ValidateFunction;
  } catch {}
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
  const validate = ajv.compile(schema);
  if (file) {
    try {
      const partial = `${file}.${process.pid}.partial`;
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(partial, standaloneCode(ajv, validate));
      renameSync(partial, file);
    } catch {}
  }
  return validate;
}

/** The schema's complaints about one stage; empty when it passes. */
export function stageSchemaErrors(raw: unknown): ErrorObject[] {
  compiled ??= stageCheck();
  return compiled(raw) ? [] : (compiled.errors ?? []);
}
