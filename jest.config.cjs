/** Tests never reach AWS: fake credentials and loopback endpoints are set in test/setup-env.cjs. */
module.exports = {
  testEnvironment: '<rootDir>/test/environment.cjs',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.[cm]?[tj]s$': '<rootDir>/test/esbuild-transform.cjs' },
  transformIgnorePatterns: ['/node_modules/(?!commander)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  setupFiles: ['<rootDir>/test/setup-env.cjs'],
  setupFilesAfterEnv: ['<rootDir>/test/stop-esbuild.cjs'],
  globalSetup: '<rootDir>/test/global-setup.cjs',
  globalTeardown: '<rootDir>/test/global-teardown.cjs',
  testTimeout: 60000,
  // Three workers on two cores: e2e files spend a third of their time waiting (signals, lock polls,
  // SDK waiters, containers freezing), and a third worker fills those waits. Measured: 268 s with 2, 228 s with 3.
  maxWorkers: 3,
};
