/**
 * `npm run test:unit`: the fast loop. Only tests that start no emulator, no container, no CLI and
 * no other process; `npm test` runs these and everything else.
 */
const base = require('./jest.config.cjs');

module.exports = {
  ...base,
  // No test here uses the AWS CLI: no need to look for it.
  globalSetup: undefined,
  globalTeardown: undefined,
  setupFilesAfterEnv: [],
  testMatch: [
    '<rootDir>/test/deploy/**/*.test.ts',
    '<rootDir>/test/settings/**/*.test.ts',
    '<rootDir>/test/**/pure.test.ts',
    '<rootDir>/test/observe/{figures,follow,log-line,math,warm-filter,zap-internal}.test.ts',
    '<rootDir>/test/emulator/api/filter-pattern.test.ts',
    '<rootDir>/test/emulator/container/{bootstrap-units,env,log-format}.test.ts',
  ],
};
