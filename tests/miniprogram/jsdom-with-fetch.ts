/**
 * jsdom (for miniprogram-simulate) plus Node's own fetch, which jsdom's window lacks: page tests stub
 * `wx.request` with a real HTTP call to the emulator. Use with the docblock
 * `@jest-environment ./tests/miniprogram/jsdom-with-fetch.ts`.
 */
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import JsdomEnvironment from 'jest-environment-jsdom';

export default class JsdomWithFetch extends JsdomEnvironment {
  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    this.global.fetch = fetch;
  }
}
