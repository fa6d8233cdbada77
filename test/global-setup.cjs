// Runs once per jest run, before any worker starts; the workers inherit what it puts in process.env.
const { execFileSync } = require('node:child_process');

module.exports = async function globalSetup() {
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
