// Can a user-land V8 startup snapshot (`node --build-snapshot`, Node 24) hold an Express app? For
// each Node builtin an Express app loads, and for the sample app's own bundle, build a snapshot and
// say which fail and on what handle. Evidence for the verdict, not a feature: zap ships no snapshot.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleFile } from '../apps.mjs';
import { coldEnv, functionNode, tempDir } from '../lib.mjs';

/** The builtins Express 4/5, its middleware and serverless-express load at import. */
const BUILTINS = ['http', 'https', 'net', 'tty', 'async_hooks', 'crypto', 'zlib', 'stream', 'fs', 'events', 'util', 'querystring', 'string_decoder'];

/** Builds a snapshot from `entry`: undefined when it works, else the handle V8 could not serialize. */
function buildSnapshot(node, dir, entry) {
  const r = spawnSync(node, ['--snapshot-blob', join(dir, 'x.blob'), '--build-snapshot', entry], { cwd: dir, env: coldEnv(), encoding: 'utf8', timeout: 60_000 });
  rmSync(join(dir, 'x.blob'), { force: true });
  if (r.status === 0) return undefined;
  // V8 prints the handle on stdout, Node its errors on stderr.
  const said = `${r.stdout}\n${r.stderr}`;
  const at = said.indexOf('global handle not serialized');
  const handle = at < 0 ? undefined : /#(\w+):/.exec(said.slice(at));
  const first = said.split('\n').find((l) => /not serialized|Error|Cannot/.test(l));
  return handle ? `global handle not serialized (binding object with ${handle[1]})` : (first ?? `exit ${r.status ?? r.signal}`).trim().slice(0, 160);
}

export default {
  name: 'startup snapshot (node --build-snapshot, Node 24): builtins an Express app loads that cannot be snapshotted',
  target: { op: 'report', unit: 'count' },
  async measure(ctx) {
    const node = functionNode();
    const dir = tempDir('snapshot');
    try {
      const failed = [];
      for (const name of BUILTINS) {
        const entry = join(dir, `${name}.js`);
        writeFileSync(entry, `require('node:${name}');\n`);
        const why = buildSnapshot(node, dir, entry);
        if (why) failed.push(`node:${name}: ${why}`);
      }
      // The bundle as Node's loader would run it (the snapshot entry is a plain script).
      const bundle = bundleFile(ctx.taskDir);
      const entry = join(dir, 'app-entry.js');
      writeFileSync(entry, [
        `const Module = require('node:module');`,
        `const file = ${JSON.stringify(bundle)};`,
        `const fn = require('node:vm').runInThisContext(Module.wrap(require('node:fs').readFileSync(file, 'utf8')), { filename: file });`,
        `const m = { exports: {} };`,
        `fn.call(m.exports, m.exports, Module.createRequire(file), m, file, require('node:path').dirname(file));`,
        `require('node:v8').startupSnapshot.setDeserializeMainFunction(() => {});`,
      ].join('\n'));
      const app = buildSnapshot(node, dir, entry);
      return {
        value: failed.length,
        detail: `${failed.join('; ') || 'none'}; the sample app's bundle: ${app ?? 'builds'}; of ${BUILTINS.length} builtins tried`,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
