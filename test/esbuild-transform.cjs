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
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: filename.endsWith('.ts') ? 'ts' : 'js',
      format: 'cjs',
      target: 'node22',
      // zap loads heavy modules lazily with import(); under Jest's CommonJS that must be require().
      supported: { 'dynamic-import': false },
      sourcemap: 'external',
      sourcefile: filename,
    });
    return { code, map };
  },
  getCacheKey(source, filename) {
    return createHash('sha256').update(SELF).update('\0').update(filename).update('\0').update(source).digest('hex');
  },
};
