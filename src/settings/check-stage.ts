/**
 * The JSON Schema check of one stage's settings, compiled by ajv on first use. `npm run build`
 * swaps this file for ajv's standalone code generated from the same schema and options
 * (scripts/stage-validator.mjs), so the CLI never compiles the schema at start; tests that
 * import src compile it here, once per process.
 */
import Ajv, { type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import { stageSchema } from './schema';

/** Every problem at once, so a zap.json with three mistakes gets three lines. */
export const AJV_OPTIONS: Options = { allErrors: true };

let compiled: ValidateFunction | undefined;

/** The schema's complaints about one stage; empty when it passes. */
export function stageSchemaErrors(raw: unknown): ErrorObject[] {
  compiled ??= new Ajv(AJV_OPTIONS).compile(stageSchema());
  return compiled(raw) ? [] : (compiled.errors ?? []);
}
