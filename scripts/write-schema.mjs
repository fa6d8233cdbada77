import { build } from 'esbuild';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export async function writeSchemaFile() {
  const out = join(mkdtempSync(join(tmpdir(), 'zap-schema-')), 'schema.mjs');
  await build({ entryPoints: ['src/settings/schema.ts'], bundle: true, format: 'esm', platform: 'node', outfile: out, packages: 'external', logLevel: 'warning' });
  const { editorSchema } = await import(pathToFileURL(out).href);
  writeFileSync('zap.schema.json', JSON.stringify(editorSchema(), null, 2) + '\n');
}
