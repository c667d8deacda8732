/* Three projects: unit specs beside the code, integration specs against the real
 * Postgres, Kafka and OpenSearch, and e2e specs that boot the apps in-process. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];
const libs = ['contracts', 'config', 'database', 'bus', 'event-store', 'observability', 'syslog', 'ecs', 'sigma', 'kql', 'core', 'auth', 'audit', 'gdpr', 'isms', 'triage', 'evidence'];
const moduleNameMapper = Object.fromEntries([
  ...libs.map((l) => [`^@vigie/${l}$`, `<rootDir>/libs/${l}/src`]),
  ['^@vigie/testing$', '<rootDir>/test/support'],
  ['^@vigie/(ingestion|registry|cli)/(.*)$', '<rootDir>/apps/$1/src/$2'],
  ['^@vigie/embedded/(.*)$', '<rootDir>/apps/vigie/src/$1'],
]);
const common = { rootDir: __dirname, transform: { '^.+\\.ts$': swc }, moduleNameMapper, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'] };

module.exports = {
  globalSetup: '<rootDir>/test/global-setup.js',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/apps/**/src/**/*.spec.ts', '<rootDir>/libs/**/src/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.spec.ts'], setupFilesAfterEnv: ['<rootDir>/test/setup-long-timeout.js'] },
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.spec.ts'], setupFilesAfterEnv: ['<rootDir>/test/setup-long-timeout.js'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.spec.ts'], setupFilesAfterEnv: ['<rootDir>/test/setup-long-timeout.js'] },
  ],
};
