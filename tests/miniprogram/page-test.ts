/**
 * What every page story sets up the same way: one emulator for the file, running the real functions
 * on the seeded demo neighbourhood, and a phone in local mode to open pages on. After each test the
 * page has heard back from every call (jsdom is torn down after the file, so a page still talking to
 * the emulator must not outlive its test), the wx stubs are undone, and every setData stayed within
 * the budget. Call `pageTestSetup()` once at the top of a test file, before its own hooks.
 */
import type { Emulator } from '../../emulator/app';
import { startApp } from '../helpers/app';
import { phoneOnEmulator } from './emulator-phone';
import { SimPage, expectSetDataWithinBudget, loadPage, resetWx } from './simulate';
import { settled } from './screen';

export interface OpenOptions {
  /** The query `onLoad` receives. */
  query?: Record<string, string>;
  /** wx methods for this page, over the phone's own (request, storage, toast …) and the file's. */
  wx?: Record<string, unknown>;
  /** The template compiler (see LoadPageOptions). */
  compiler?: 'simulate' | 'official';
}

export interface PageTest {
  /** The file's emulator (there from the first test on). */
  readonly emulator: Emulator;
  /** Opens `path` (e.g. 'pages/me/me') on the phone of `openid`. */
  open(path: string, openid: string, options?: OpenOptions): SimPage;
}

/** `wx`: methods every page of the file gets, e.g. the privacy agreement already given. */
export function pageTestSetup(file: { wx?: Record<string, unknown> } = {}): PageTest {
  let emulator: Emulator | undefined;
  const started = (): Emulator => {
    if (!emulator) throw new Error('the emulator starts in beforeAll: use it inside a test or hook');
    return emulator;
  };

  beforeAll(async () => {
    // One instance a function: a page's taps wait on each other anyway, and the calls a page makes
    // at once would otherwise cold-start an instance each (a fifth of the page tests' CPU).
    emulator = await startApp({ maxInstances: 1 });
  });
  // `npm run bench` reports the largest setData payloads of these tests.
  afterAll(async () => {
    await emulator?.close();
  });
  afterEach(async () => {
    await settled();
    resetWx();
    expectSetDataWithinBudget();
  });

  return {
    get emulator() {
      return started();
    },
    open: (path, openid, options = {}) => loadPage(path, { query: options.query, compiler: options.compiler, wx: { ...phoneOnEmulator(started(), openid), ...file.wx, ...options.wx } }),
  };
}
