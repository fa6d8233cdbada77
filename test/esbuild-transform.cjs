// Jest transformer: TypeScript → CommonJS through esbuild, which zap already depends on.
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');

// esbuild serves transformSync from a worker thread it keeps for the life of the process; a Jest
// worker holding one often takes longer than Jest's 500 ms to exit and is killed ("A worker process
// has failed to exit gracefully"). Without the thread, each call runs esbuild directly; Jest's
// transform cache keeps those calls to the first run.
process.env.ESBUILD_WORKER_THREADS = '0';
const { transformSync } = require('esbuild');

// Cached transforms are keyed on this file too, so changing an option here takes effect at once.
const SELF = readFileSync(__filename);

module.exports = {
  getCacheKey(source, filename) {
    return createHash('sha256').update(SELF).update('\0').update(filename).update('\0').update(source).digest('hex');
  },
  process(source, filename) {
    // zap lazy-loads its own modules with import(); jest (without vm modules) can only require
    // them, so they become require() here. The container bootstrap keeps import(): it loads
    // the user's ES modules, which require() cannot.
    const keepImport = /[\\/]container[\\/]bootstrap/.test(filename);
    const { code, map } = transformSync(source, {
      supported: { 'dynamic-import': keepImport },
      loader: filename.endsWith('.ts') ? 'ts' : 'js',
      format: 'cjs',
      target: 'node22',
      sourcemap: 'external',
      sourcefile: filename,
    });
    return { code, map };
  },
};
