/**
 * Renders page states to HTML documents, inside jest with jsdom like the page tests (and with their
 * helpers: one emulator running the real functions on the demo seed, a phone in local mode), and
 * lists them in the folder's manifest for the browser. Call `renderStates()` once at the top of a
 * jest file: it declares one test per page state.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pageTestSetup } from '../../tests/miniprogram/page-test';
import { privacyAgreed } from '../../tests/miniprogram/privacy-dialog';
import { settled } from '../../tests/miniprogram/screen';
import { capture, pageStyles } from './capture';
import { appCss, pageDocument } from './document';
import { RenderedState, writeManifest } from './manifest';
import { allRoutes, MINIPROGRAM, readApp } from './pages';
import { PreviewState, defaultViewer, statesFor } from './states';
import { World, livingWeek } from './world';
import './scenarios';

export interface RenderOptions {
  /** Where the documents go. */
  dir: string;
  /** The run's name (its manifest-<run>.json). */
  run: string;
  world: PreviewState['world'];
  /** Only these pages (default: every page in app.json). */
  routes?: string[];
  /** Only these states of a page. */
  keep?: (route: string, state: PreviewState) => boolean;
}

/** A file name for a page state: the route's folders and the state, readable in a listing. */
export const stateId = (route: string, state: PreviewState) =>
  `${route
    .replace(/\/pages\//, '-')
    .replace(/^pages\//, '')
    .replace(/\/[^/]+$/, '')}--${state.name}`;

const fail = (options: { fail?: (err: { errMsg: string }) => void; complete?: () => void }) =>
  setTimeout(() => {
    options.fail?.({ errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' });
    options.complete?.();
  });

export function renderStates(options: RenderOptions): void {
  const phone = pageTestSetup({ wx: privacyAgreed });
  const app = readApp();
  const css = appCss(MINIPROGRAM);
  const rendered: RenderedState[] = [];
  let world: World | undefined;

  beforeAll(async () => {
    if (options.world === 'lively') world = await livingWeek(phone.emulator);
    fs.mkdirSync(options.dir, { recursive: true });
  });

  for (const route of options.routes ?? allRoutes(app)) {
    for (const state of statesFor(route)) {
      if (state.world !== options.world || (options.keep && !options.keep(route, state))) continue;
      test(`${route} · ${state.name}`, async () => {
        let title: string | undefined;
        const base = (globalThis as unknown as { wx: { getAppBaseInfo(): Record<string, unknown> } }).wx.getAppBaseInfo;
        const wx: Record<string, unknown> = {
          setNavigationBarTitle: ({ title: t }: { title: string }) => {
            title = t;
          },
          getAppBaseInfo: () => ({ ...base(), fontSizeSetting: state.elder ? 24 : 17 }),
          ...(state.offline ? { request: fail } : {}),
        };
        const page = phone.open(route, state.as ?? defaultViewer(route), { compiler: 'official', query: world && state.query ? state.query(world) : state.query?.({} as World), wx });
        const styles = pageStyles();
        await settled();
        const id = stateId(route, state);
        const html = pageDocument({ root: MINIPROGRAM, app, route, page: capture(page, styles), title, elder: !!state.elder, primary: state.primary }, css);
        fs.writeFileSync(path.join(options.dir, `${id}.html`), html);
        rendered.push({ id, route, title: title ?? '', state: state.name, elder: !!state.elder });
        writeManifest(options.dir, options.run, rendered);
        page.detach();
      });
    }
  }
}
