// Jest transformer: TypeScript → CommonJS through esbuild, which zap already depends on.
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { transformSync } = require('esbuild');

// Jest caches transformed files; the key includes this file, so a change here is never served stale.
const SELF = readFileSync(__filename, 'utf8');

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
