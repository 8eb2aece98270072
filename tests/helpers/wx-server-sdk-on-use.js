/**
 * The real wx-server-sdk for code that jest loads, required the first time something of it is used.
 *
 * Test files import the server's repositories (for collection names, document types and helpers)
 * and server/kit/cloud.ts imports the SDK at the top, so every such file loaded all of the SDK
 * (@cloudbase/*, axios, jsonwebtoken …, a large share of a function's cold start) into its module
 * registry and never called it: the functions run as built, in their own worker threads, with the
 * SDK from node_modules. Nothing here stands in for the SDK: whatever is read of it is the real one.
 * Mapped in jest.config.js.
 */
const path = require('node:path');

/** Its real path: the mapping matches the bare name only, so this resolves to the package itself. */
const REAL = path.join(path.dirname(require.resolve('wx-server-sdk/package.json')), require('wx-server-sdk/package.json').main || 'index.js');
let real = null;
const sdk = () => (real ??= require(REAL));

/** Its methods are called on the SDK itself, as `cloud.init()` would call them. */
const bound = new Map();
/** Asked of any module when it is imported or awaited; the SDK has neither, so asking is no use of it. */
const INTEROP = new Set(['__esModule', 'then']);
function read(key) {
  if (!real && INTEROP.has(key)) return undefined;
  const value = sdk()[key];
  if (typeof value !== 'function') return value;
  if (!bound.has(key)) bound.set(key, value.bind(sdk()));
  return bound.get(key);
}

module.exports = new Proxy(
  {},
  {
    get: (_target, key) => read(key),
    set: (_target, key, value) => {
      sdk()[key] = value;
      bound.delete(key);
      return true;
    },
    has: (_target, key) => key in sdk(),
    // An ES-module import copies the names at import time: none until the SDK is loaded, which
    // leaves `import cloud from 'wx-server-sdk'` (the only form the server uses) working on use.
    ownKeys: () => (real ? Reflect.ownKeys(real) : []),
    getOwnPropertyDescriptor: (_target, key) => {
      if (!real) return undefined;
      const descriptor = Reflect.getOwnPropertyDescriptor(real, key);
      return descriptor && { ...descriptor, configurable: true };
    },
  },
);
