import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, SAMPLE_APP, require } from '../lib.mjs';

function walk(dir, rel, out) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) walk(join(dir, e.name), `${rel}/${e.name}`, out);
    else if (e.isFile()) out.set(`${rel}/${e.name}`, join(dir, e.name));
  }
}

/** The production dependency tree, as `npm ci --omit=dev` would install it. */
function productionTree(roots) {
  const files = new Map();
  const seen = new Set();
  const queue = [...roots];
  while (queue.length) {
    const name = queue.shift();
    if (seen.has(name)) continue;
    seen.add(name);
    const dir = join(REPO, 'node_modules', name);
    if (!existsSync(dir)) continue;
    walk(dir, `node_modules/${name}`, files);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    queue.push(...Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies }));
  }
  return files;
}

function zipBytes(entries) {
  const { ZipFile } = require('yazl');
  const zip = new ZipFile();
  for (const name of [...entries.keys()].sort()) zip.addFile(entries.get(name), name, { compressionLevel: 9, mtime: new Date(2020, 0, 1) });
  zip.end();
  return new Promise((resolve, reject) => {
    let n = 0;
    zip.outputStream.on('data', (c) => (n += c.length));
    zip.outputStream.on('end', () => resolve(n));
    zip.outputStream.on('error', reject);
  });
}

/** zap's zip against the conventional one: the app's compiled files, its included files and its production node_modules. */
export default {
  name: 'zip bytes: zap ÷ app + production node_modules',
  target: { op: '<=', value: 0.12 },
  async measure(ctx) {
    const pkg = JSON.parse(readFileSync(join(SAMPLE_APP, 'package.json'), 'utf8'));
    const entries = productionTree([...Object.keys(pkg.dependencies), '@codegenie/serverless-express']);
    walk(join(ctx.baselineDir, 'src'), 'src', entries);
    walk(join(SAMPLE_APP, 'src', 'views'), 'src/views', entries);
    walk(join(SAMPLE_APP, 'src', 'public'), 'src/public', entries);
    entries.set('index.js', join(ctx.baselineDir, 'serverless-express.js'));
    const baseline = await zipBytes(entries);
    return { value: ctx.packaged.bytes / baseline, detail: `${(ctx.packaged.bytes / 1024).toFixed(1)} kB vs ${(baseline / 1024).toFixed(1)} kB (${entries.size} files)` };
  },
};
