// Builds dist/: the CLI (ESM, split so `zap --help` never loads AWS clients), and the
// self-contained CommonJS files that run inside Lambda or an emulator container.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { precompiledStageCheck } from './stage-validator.mjs';

// dist/ is overwritten in place, never removed first: a test run elsewhere may be reading it.

const common = { bundle: true, platform: 'node', sourcemap: 'linked', logLevel: 'warning' };

// The CLI and the pure-JS packages it imports, bundled: a process then reads a few files instead of
// resolving hundreds in node_modules and having Node detect the format of each CommonJS one. ESM
// builds are preferred (`module` before `main`) so that only the AWS SDK code zap calls is kept.
// esbuild (a native binary) and @vercel/nft (requires computed at run time) stay in node_modules.
await build({
  ...common,
  entryPoints: { 'cli/main': 'src/cli/main.ts' },
  outdir: 'dist',
  format: 'esm',
  splitting: true,
  target: 'node22',
  external: ['esbuild', '@vercel/nft'],
  mainFields: ['module', 'main'],
  // A bundled CommonJS file's require() of a Node built-in goes through esbuild's shim, which uses
  // the `require` in scope.
  banner: { js: "import { createRequire as __zapCreateRequire } from 'node:module'; const require = __zapCreateRequire(import.meta.url);" },
  plugins: [precompiledStageCheck],
  metafile: true,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
});

// Files copied into artifacts or containers: bundled, CommonJS, nothing external but the
// AWS SDK, which Lambda's runtime provides.
const standalone = [
  ['src/runtime/index.ts', 'dist/runtime/index.js'],
  ['src/runtime/adapter/index.ts', 'dist/runtime/adapter.js'],
  ['src/runtime/capture/index.ts', 'dist/runtime/capture.js'],
  ['src/runtime/verify-child.ts', 'dist/runtime/verify.js'],
  ['src/emulator/container/bootstrap.ts', 'dist/emulator/bootstrap.js'],
  ['src/package/boot-preload.ts', 'dist/package/boot-preload.js'],
];
for (const [entry, outfile] of standalone) {
  if (!existsSync(entry)) continue;
  await build({
    ...common,
    entryPoints: [entry],
    outfile,
    format: 'cjs',
    target: 'node22',
    sourcemap: false,
    external: ['@aws-sdk/*'],
    // The adapter's import() of a module the app names at run time is computed on purpose
    // (src/runtime/adapter/computed-require.ts); esbuild need not say it cannot follow it.
    logOverride: { 'unsupported-dynamic-import': 'silent' },
  });
}

// The editor schema comes from the same definition as the validator.
if (existsSync('src/settings/schema.ts')) {
  const { writeSchemaFile } = await import('./write-schema.mjs');
  await writeSchemaFile();
}
