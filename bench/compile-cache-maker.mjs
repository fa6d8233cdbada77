// Makes the compile cache an unzipped artifact ships, as deploy does in Lambda: the artifact's own
// handler answers {"zap":"compile_cache"} on the function's Node, and the file goes beside index.js.
// With `warmupPath`, the handler first sends that GET through the app (zap.json compile_cache_warmup_path);
// `extraEnv` is the function's other settings the cache is made under (ZAP_COMPILE_CACHE_EAGER=on).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { coldEnv, functionNode } from './lib.mjs';

export const CACHE_FILE = 'zap-compile-cache.bin';
const ANSWER_MARK = 'bench-compile-cache-answer ';

export function addCompileCache(dir, warmupPath, extraEnv = {}) {
  // The handler logs its own line on stdout (as it does in Lambda); the answer follows a marker.
  const maker = `require(${JSON.stringify(join(dir, 'index.js'))}).handler({ zap: 'compile_cache' }, {}).then((a) => process.stdout.write('\\n${ANSWER_MARK}' + JSON.stringify(a) + '\\n'));`;
  const out = execFileSync(functionNode(), ['-e', maker], { cwd: dir, env: coldEnv({ ...extraEnv, ...(warmupPath ? { ZAP_COMPILE_CACHE_WARMUP_PATH: warmupPath } : {}) }), encoding: 'utf8', maxBuffer: 64 << 20 });
  const line = out.split('\n').find((l) => l.startsWith(ANSWER_MARK));
  if (!line) throw new Error(`the compile-cache answer is missing from: ${out.slice(0, 300)}`);
  const answer = JSON.parse(line.slice(ANSWER_MARK.length));
  if (!answer.file) throw new Error(`no cache made: ${JSON.stringify(answer).slice(0, 300)}`);
  if (answer.warmup_path !== warmupPath) throw new Error(`the cache was made with warm-up ${answer.warmup_path ?? 'none'}, asked ${warmupPath ?? 'none'}`);
  writeFileSync(join(dir, CACHE_FILE), Buffer.from(answer.file, 'base64'));
}
