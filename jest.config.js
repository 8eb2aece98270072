/** Jest runs the TypeScript sources directly; `npm run typecheck` does the type checking. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': '<rootDir>/tests/helpers/ts-transform.js',
    // npm components built into the mini-program (ES modules; see tests/miniprogram/esm-transform.js)
    'miniprogram_npm[\\\\/].+\\.js$': '<rootDir>/tests/miniprogram/esm-transform.js',
  },
  // A bare import inside an npm component resolves to the nearest miniprogram_npm/<name>, as on the phone.
  moduleDirectories: ['node_modules', 'miniprogram_npm'],
  // The real SDK, loaded when test code first uses it rather than by every file that imports a repository.
  moduleNameMapper: { '^wx-server-sdk$': '<rootDir>/tests/helpers/wx-server-sdk-on-use.js' },
  testTimeout: 60000,
  maxWorkers: 2,
};
