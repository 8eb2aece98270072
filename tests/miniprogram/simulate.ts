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
import path from 'node:path';

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

export const simulate: Simulate = require('miniprogram-simulate');

/** The mini-program root (miniprogram/). */
export const MINIPROGRAM_ROOT = path.resolve(__dirname, '..', '..', 'miniprogram');

export interface LoadPageOptions {
  /** Methods to put on the global `wx` (simulate's mock has no `wx.cloud`); undone by `resetWx()` or the next `loadPage`. */
  wx?: Record<string, unknown>;
  /** The query `onLoad` receives. */
  query?: Record<string, string>;
  /** What `getApp()` returns. */
  app?: Record<string, unknown>;
  /** Root that `pagePath` and absolute usingComponents are resolved against (default: miniprogram/). */
  root?: string;
}

const g = globalThis as any;
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
    jest.isolateModules(() => {
      id = simulate.load(path.join(root, route), { compiler: 'simulate', rootPath: root });
    });
  } finally {
    delete g.Page;
  }
  if (!captured) throw new Error(`${route} did not call Page()`);

  const page = simulate.render(id);
  page.attach(g.document.createElement('parent-wrapper'));
  return page;
}
