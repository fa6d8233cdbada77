// Runs once per jest run, after every worker is done: removes this run's packaged sample app (helpers/sample-template.ts).
const { readdirSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const TESTS = join(__dirname, '..', '.zap-test');

module.exports = async function globalTeardown() {
  const run = process.env.ZAP_TEST_RUN;
  if (!run) return;
  try {
    for (const name of readdirSync(TESTS).filter((n) => n.startsWith(`template-${run}`))) rmSync(join(TESTS, name), { recursive: true, force: true });
  } catch {}
};
