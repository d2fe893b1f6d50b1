// Two projects: fast pure unit tests, and integration tests that use real SQLite, real ptys and a real Postgres.
const transform = { '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true, decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' }, module: { type: 'commonjs' } }] };
module.exports = {
  projects: [
    { displayName: 'unit', testEnvironment: 'node', transform, testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { displayName: 'integration', testEnvironment: 'node', transform, testMatch: ['<rootDir>/test/integration/**/*.test.ts'], slowTestThreshold: 30,
      // they start station processes, ptys and Postgres: on 2 busy cores a start can take longer than jest's 5 s
      testTimeout: 30_000 },
  ],
};
