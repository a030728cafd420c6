// ts-jest in transpile-only mode (isolatedModules) compiles our TypeScript with decorator metadata
// for Nest DI; type checking is `npm run typecheck`'s job. Dependencies that ship only ES modules
// go through test/support/esm-to-cjs.transform.js, since jest supports require(esm) only from
// Node 24.9 on. (No native transformer such as @swc/jest: the registry this project installs from
// lacks @swc/core's non-Linux binaries, which leaves the lock file incomplete and breaks `npm ci`.)
const tsJest = [
  'ts-jest',
  {
    diagnostics: false,
    tsconfig: {
      target: 'es2022',
      module: 'commonjs',
      isolatedModules: true,
      allowJs: true,
      esModuleInterop: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      sourceMap: true,
      ignoreDeprecations: '6.0',
    },
  },
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testMatch: ['**/*.spec.ts', '<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/test/fixtures/'],
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  transform: {
    '/node_modules/.+\\.(m|c)?js$': '<rootDir>/test/support/esm-to-cjs.transform.js',
    '^.+\\.ts$': tsJest,
  },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|jose|uid|@electric-sql|cookie|@opentelemetry)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  setupFiles: ['<rootDir>/test/support/setup-env.ts'],
  testTimeout: 60000,
  maxWorkers: 2,
  // Each suite loads its own module registry, and a worker's heap grew to ~1.4 GB over a full run.
  // Four of five such runs ended with "A worker process has failed to exit gracefully" although no
  // suite left a handle open: most likely the exit with that heap outlasted jest's 500 ms grace.
  // A worker above this limit is replaced between suites.
  workerIdleMemoryLimit: '800MB',
};
