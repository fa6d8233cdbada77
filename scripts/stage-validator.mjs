// An esbuild plugin: src/settings/check-stage.ts, which compiles the stage schema with ajv on first
// use, is swapped in the CLI's bundle for ajv's standalone code generated here from the same schema
// and options. Compiling the schema cost every CLI process ~135 ms of CPU at start.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const CHECK_STAGE = /[\\/]src[\\/]settings[\\/]check-stage\.ts$/;

/** The schema and ajv options the source uses, read from the source itself (one definition). */
async function sourceDefinitions() {
  const dir = mkdtempSync(join(tmpdir(), 'zap-validator-'));
  try {
    const out = join(dir, 'definitions.mjs');
    await build({
      stdin: { contents: "export { stageSchema } from './src/settings/schema';\nexport { AJV_OPTIONS } from './src/settings/check-stage';", resolveDir: process.cwd(), loader: 'ts' },
      bundle: true, format: 'esm', platform: 'node', outfile: out, logLevel: 'warning',
    });
    return await import(pathToFileURL(out).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** ajv's standalone module for the stage schema, exporting what check-stage.ts exports. */
export async function standaloneStageCheck() {
  const { stageSchema, AJV_OPTIONS } = await sourceDefinitions();
  const { default: Ajv } = await import('ajv');
  const { default: standaloneCode } = await import('ajv/dist/standalone/index.js');
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, esm: true } });
  const code = standaloneCode(ajv, ajv.compile(stageSchema()));
  return `${code}\nexport const AJV_OPTIONS = ${JSON.stringify(AJV_OPTIONS)};\nexport function stageSchemaErrors(raw) { return validate(raw) ? [] : (validate.errors ?? []); }\n`;
}

export const precompiledStageCheck = {
  name: 'precompiled-stage-check',
  setup(b) {
    b.onLoad({ filter: CHECK_STAGE }, async (args) => ({ contents: await standaloneStageCheck(), loader: 'js', resolveDir: dirname(resolve(args.path)) }));
  },
};
