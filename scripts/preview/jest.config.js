/** `npm run preview` renders the page states with jest (jsdom, like the page tests): the *.run.ts here. */
const base = require('../../jest.config.js');

module.exports = { ...base, rootDir: '../..', roots: ['<rootDir>/scripts/preview'], testMatch: ['**/*.run.ts'] };
