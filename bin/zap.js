#!/usr/bin/env node
// Before anything loads: on an older Node the CLI would die in a dependency (commander 15
// needs 22.12) or print the AWS SDK's end-of-support notice. The version comes from engines.
const need = require('../package.json').engines.node.replace(/^>=\s*/, '');
const older = (a, b) => {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  for (let i = 0; i < 3; i++) if ((x[i] || 0) !== (y[i] || 0)) return (x[i] || 0) < (y[i] || 0);
  return false;
};
if (older(process.versions.node, need)) {
  process.stderr.write(`zap: needs Node.js ${need} or later, but this is Node.js ${process.versions.node} (${process.execPath}); install a newer Node (nvm install 24, or https://nodejs.org) and run zap again\n`);
  process.exit(2);
}
// V8's compiled code for the CLI's files is kept in os.tmpdir()/node-compile-cache (as Node does
// with NODE_COMPILE_CACHE), so later runs skip compiling; NODE_DISABLE_COMPILE_CACHE=1 turns it off.
require('node:module').enableCompileCache?.();
import('../dist/cli/main.mjs').then((m) => m.main(process.argv)).catch((err) => {
  console.error(err);
  process.exit(1);
});
