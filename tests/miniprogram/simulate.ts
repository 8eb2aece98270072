/**
 * Renders mini-program pages in miniprogram-simulate (which only knows
 * `Component()`): a global `Page()` turns the page's options into a component
 * definition, registered through simulate's own `Component()` so that the page's
 * .wxml, .wxss and usingComponents are loaded the way they are for components.
 *
 * Test files using this need the `@jest-environment jsdom` docblock.
 *
 * miniprogram-simulate is required untyped on purpose: its typings import
 * miniprogram-api-typings, whose globals (`console`, `require`, `module`) would
 * replace Node's in the root TypeScript project.
 */
import fs from 'node:fs';
import path from 'node:path';
import { onFirstUse } from './on-first-use';
import { record } from './set-data-budget';

type AnyFn = (...args: any[]) => any;

/** The part of j-component's Component that tests use. */
export interface SimComponent {
  readonly dom: { textContent: string | null; innerHTML: string } | undefined;
  readonly data: Record<string, any>;
  /** The page's / component's `this`. */
  readonly instance: Record<string, any>;
  querySelector(selector: string): SimComponent | undefined;
  querySelectorAll(selector: string): SimComponent[];
  dispatchEvent(eventName: string, options?: { detail?: unknown; [k: string]: unknown }): void;
  setData(data: Record<string, unknown>): void;
  triggerLifeTime(name: string, ...args: unknown[]): void;
  triggerPageLifeTime(name: string, ...args: unknown[]): void;
}

export interface SimPage extends SimComponent {
  attach(parent: unknown): void;
  detach(): void;
}

interface Simulate {
  load(componentPath: string, options?: Record<string, unknown>): string;
  render(id: string, properties?: Record<string, unknown>): SimPage;
  sleep(ms?: number): Promise<void>;
}

// Required by simulate as it loads, used only by the official compiler's renders (on-first-use.ts).
for (const name of ['postcss', 'csso', 'less', 'miniprogram-compiler']) onFirstUse(name);

export const simulate: Simulate = require('miniprogram-simulate');

const g = globalThis as any;

// ---------------------------------------------------------------------------------------------
// npm components. A page declares TDesign as `"t-button": "tdesign-miniprogram/button/button"`;
// the phone resolves such a bare path to the nearest `miniprogram_npm/` folder at or above the
// declaring file (scripts/build-miniprogram-npm.mjs puts the components there). simulate only
// knows absolute and relative paths, so every .json it reads gets its bare paths rewritten to the
// relative path of the component they resolve to. Unresolvable ones stay, and simulate skips them.
const simulateUtils: { readJson(file: string): any; getId(): string } = require('miniprogram-simulate/src/utils');
const readJson = simulateUtils.readJson;
const getId = simulateUtils.getId;

// simulate names each component with a fresh id and then reads its .json: that pairs ids with files.
const componentFiles = new Map<string, string>();
let lastId = '';
simulateUtils.getId = () => (lastId = getId());

function resolveNpmComponent(jsonFile: string, value: string): string | null {
  if (value.startsWith('/') || value.startsWith('.') || value.includes('://')) return null;
  const from = path.dirname(jsonFile);
  if (fs.existsSync(path.join(from, `${value}.json`))) return null;
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'miniprogram_npm', value);
    if (fs.existsSync(`${candidate}.json`)) return path.relative(from, candidate).split(path.sep).join('/');
    if (path.dirname(dir) === dir) return null;
  }
}

simulateUtils.readJson = (file: string) => {
  if (lastId && !componentFiles.has(lastId))
    componentFiles.set(
      lastId,
      path
        .relative(MINIPROGRAM_ROOT, file)
        .replace(/\.json$/, '')
        .split(path.sep)
        .join('/'),
    );
  const json = readJson(file);
  const using = json && json.usingComponents;
  if (!using) return json;
  for (const [tag, value] of Object.entries(using)) {
    const resolved = resolveNpmComponent(file, String(value));
    if (resolved) using[tag] = resolved;
  }
  return json;
};

// Styles: simulate compiles each component's WXSS (postcss, then csso) on every load, a sixth of a
// page test's own CPU. Only the official compiler's renders use them (the preview and the UI check
// lay pages out in Chromium); a page story reads content and taps, which no style changes in jsdom.
const simulateWxss: {
  compile(wxss: string, options: { prefix?: string; less?: boolean }): string;
  insert(wxss: string | string[], id: string): void;
} = require('miniprogram-simulate/src/wxss');
const compileWxss = simulateWxss.compile;
let skipStyles = false;
simulateWxss.compile = (wxss, options) => (skipStyles ? '' : compileWxss(wxss, options));
// A render then has only empty styles, and an empty <style> in the head would change nothing.
const insertWxss = simulateWxss.insert;
simulateWxss.insert = (wxss, id) => {
  if ([wxss].flat().some((css) => css !== '')) insertWxss(wxss, id);
};

// ---------------------------------------------------------------------------------------------
// setData recorder: every setData of every page and component rendered here (TDesign's included)
// is recorded with its size and how much each list in it grew. Page tests check the budget
// with `expectSetDataWithinBudget()` after each test (set-data-budget.ts).
export { SET_DATA_BUDGET, clearSetDataLog, expectSetDataWithinBudget, setDataRecords } from './set-data-budget';
export type { SetDataRecord } from './set-data-budget';

let recorderBehavior: unknown;
function withRecorder(options: Record<string, any>): Record<string, any> {
  recorderBehavior ??= g.Behavior({
    lifetimes: {
      created(this: any) {
        const setData = this.setData;
        // The shim's wrapped setData runs later with its own `this`; the component is kept here.
        // eslint-disable-next-line @typescript-eslint/no-this-alias
        const self = this;
        const node = this._exparserNode;
        const id = node && node.is;
        const name = componentFiles.get(id) ?? String(id || 'component');
        this.setData = (data: Record<string, unknown>, callback?: () => void) => {
          record(name, self.data, data);
          return setData.call(self, data, callback);
        };
      },
    },
  });
  return { ...options, behaviors: [recorderBehavior, ...(options.behaviors ?? [])] };
}

// simulate's global Component() registers every page and component it loads; each gets the recorder.
const simulateComponent: AnyFn = g.Component;
g.Component = (options: Record<string, any>) => simulateComponent(withRecorder(options));

/** The mini-program root (miniprogram/). */
export const MINIPROGRAM_ROOT = path.resolve(__dirname, '..', '..', 'miniprogram');

// The generated bundles (the domain's schemas and rules, the QR encoder, template ids, the cloud
// environment) hold no state: each test file evaluates them once, not on every page it opens (the
// domain's alone took ~25 ms a page).
for (const name of ['domain', 'qrcode', 'subscription-templates', 'cloud-env']) {
  const file = path.join(MINIPROGRAM_ROOT, 'generated', `${name}.js`);
  const loaded: unknown = require(file);
  jest.doMock(file, () => loaded);
}

export interface LoadPageOptions {
  /** Methods to put on the global `wx` (simulate's mock has no `wx.cloud`); undone by `resetWx()` or the next `loadPage`. */
  wx?: Record<string, unknown>;
  /** The query `onLoad` receives. */
  query?: Record<string, string>;
  /** What `getApp()` returns. */
  app?: Record<string, unknown>;
  /** Root that `pagePath` and absolute usingComponents are resolved against (default: miniprogram/). */
  root?: string;
  /**
   * 'simulate' (default): j-component's own template compiler, fast, enough for what a page shows.
   * 'official': WeChat's wcc, which also runs `<wxs src>` and `<template is>`, so TDesign's
   * components keep their classes and icons (the preview and the UI check lay them out).
   */
  compiler?: 'simulate' | 'official';
}

const ABSENT = Symbol('absent');
let savedWx: [string, unknown][] = [];

/** Restores the global `wx` methods replaced by `loadPage({ wx })`. */
export function resetWx(): void {
  for (const [key, value] of savedWx.reverse()) {
    if (value === ABSENT) delete g.wx[key];
    else g.wx[key] = value;
  }
  savedWx = [];
}

function stubWx(stubs: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(stubs)) {
    savedWx.push([key, key in g.wx ? g.wx[key] : ABSENT]);
    g.wx[key] = value;
  }
}

const LIFECYCLE = new Set(['onLoad', 'onShow', 'onReady', 'onHide', 'onUnload']);

/** Page options → Component definition (Page `this` ≈ component `this`). */
export function pageToComponent(page: Record<string, any>, route: string, query: Record<string, string>) {
  const methods: Record<string, AnyFn> = {};
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(page)) {
    if (key === 'data') continue;
    if (typeof value === 'function') methods[key] = value;
    else fields[key] = value;
  }
  const call = (self: any, name: string, ...args: unknown[]) => {
    if (LIFECYCLE.has(name) && typeof self[name] === 'function') self[name](...args);
  };
  return {
    data: page.data ?? {},
    methods,
    lifetimes: {
      created(this: any) {
        Object.assign(this, fields, { route, options: { ...query } });
      },
      attached(this: any) {
        call(this, 'onLoad', { ...query });
        call(this, 'onShow');
      },
      ready(this: any) {
        call(this, 'onReady');
      },
      detached(this: any) {
        call(this, 'onUnload');
      },
    },
    pageLifetimes: {
      show(this: any) {
        call(this, 'onShow');
      },
      hide(this: any) {
        call(this, 'onHide');
      },
    },
  };
}

/**
 * Loads `pagePath` (e.g. 'pages/index/index', without extension), renders it and
 * attaches it, which runs onLoad(query) then onShow. Page and component sources are
 * re-evaluated on every call (jest.isolateModules), so each call gets fresh state.
 */
export function loadPage(pagePath: string, options: LoadPageOptions = {}): SimPage {
  const root = options.root ?? MINIPROGRAM_ROOT;
  const route = pagePath.replace(/^\//, '');
  resetWx();
  stubWx(options.wx ?? {});
  const app = options.app ?? { globalData: {} };
  g.getApp = () => app;

  let captured = false;
  g.Page = (page: Record<string, any>) => {
    captured = true;
    // simulate's global Component() attaches this page's template, styles and usingComponents.
    g.Component(pageToComponent(page, route, options.query ?? {}));
  };
  let id = '';
  try {
    skipStyles = options.compiler !== 'official';
    jest.isolateModules(() => {
      id = simulate.load(path.join(root, route), { compiler: options.compiler ?? 'simulate', rootPath: root });
    });
  } finally {
    skipStyles = false;
    delete g.Page;
  }
  if (!captured) throw new Error(`${route} did not call Page()`);

  const page = simulate.render(id);
  page.attach(g.document.createElement('parent-wrapper'));
  return page;
}

/**
 * Taps `element` as a finger would. TDesign components are virtual hosts (`virtualHost: true`: no
 * node of their own), so the tap lands on the first native element inside them that reacts to taps
 * (t-button's `<button catch:tap>`), which then emits the component's own `tap`.
 */
export function tap(element: SimComponent): void {
  if (element.dom) {
    element.dispatchEvent('tap');
    return;
  }
  // simulate's selectors see a component's own classes: t-button's native button has class t-button.
  const inner = ['button', '.t-button'].map((selector) => element.querySelector(selector)).find(Boolean);
  if (!inner) throw new Error('nothing inside this component can be tapped');
  tap(inner);
}
