// Runs once per jest run, before any worker starts; the workers inherit what it puts in process.env.
const { execFileSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { readdirSync, rmSync, statSync } = require('node:fs');
const { join } = require('node:path');

const TESTS = join(__dirname, '..', '.zap-test');

module.exports = async function globalSetup() {
  // This run's name: the sample app packaged once per run lives under it (helpers/sample-template.ts).
  process.env.ZAP_TEST_RUN = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  // A run killed before its teardown leaves its template: gone after a day.
  try {
    for (const name of readdirSync(TESTS).filter((n) => n.startsWith('template-'))) {
      if (Date.now() - statSync(join(TESTS, name)).mtimeMs > 86_400_000) rmSync(join(TESTS, name), { recursive: true, force: true });
    }
  } catch {}
  // Whether the AWS CLI works here (its tests run only where it does): `aws --version` starts Python,
  // about a CPU-second, so it is asked once per run, not once per test file.
  if (process.env.ZAP_TEST_AWS_CLI !== undefined) return;
  try {
    execFileSync('aws', ['--version'], { stdio: 'ignore', timeout: 20000 });
    process.env.ZAP_TEST_AWS_CLI = '1';
  } catch {
    process.env.ZAP_TEST_AWS_CLI = '0';
  }
};
