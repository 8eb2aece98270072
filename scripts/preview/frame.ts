/**
 * What WeChat draws around a page: the status bar, the navigation bar (title and colours from
 * app.json's window and the page's json, or what the page set with wx.setNavigationBarTitle) and, on
 * a tab page, the tab bar from app.json with its icons. iPhone X-sized: 44 px status bar, 44 px
 * navigation bar, 50 px tab bar over a 34 px home indicator.
 */
import fs from 'node:fs';
import path from 'node:path';

export const FRAME = { width: 375, height: 812, statusBar: 44, navBar: 44, tabBar: 50, homeIndicator: 34 } as const;

export interface TabItem {
  pagePath: string;
  text: string;
  iconPath?: string;
  selectedIconPath?: string;
}
export interface AppJson {
  pages: string[];
  subpackages?: { root: string; name?: string; pages: string[] }[];
  window?: Record<string, string>;
  tabBar?: { color: string; selectedColor: string; backgroundColor: string; borderStyle?: string; list: TabItem[] };
}

export interface FrameOptions {
  root: string;
  app: AppJson;
  route: string;
  /** A title the page set at run time. */
  title?: string;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function pageWindow(root: string, app: AppJson, route: string): Record<string, string> {
  const file = path.join(root, `${route}.json`);
  const own = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  const window: Record<string, string> = { ...app.window };
  for (const [k, v] of Object.entries(own)) if (typeof v === 'string') window[k] = v;
  return window;
}

function icon(root: string, file: string | undefined): string {
  if (!file) return '';
  const abs = path.join(root, file);
  if (!fs.existsSync(abs)) return '';
  return `<img class="preview-tab__icon" alt="" src="data:image/png;base64,${fs.readFileSync(abs).toString('base64')}">`;
}

export const isTabPage = (app: AppJson, route: string) => !!app.tabBar?.list.some((t) => t.pagePath === route);

/** The bars' HTML (fixed over the page) and the page's top and bottom insets. */
export function frame({ root, app, route, title }: FrameOptions): { top: string; bottom: string; insetBottom: number } {
  const w = pageWindow(root, app, route);
  const custom = w.navigationStyle === 'custom';
  const fg = w.navigationBarTextStyle === 'black' ? '#000000' : '#ffffff';
  const bg = w.navigationBarBackgroundColor ?? '#000000';
  const status = `<div class="preview-status" style="background:${custom ? 'transparent' : bg};color:${fg}"><span>9:41</span><span>●●●● 5G ▮</span></div>`;
  const nav = custom
    ? ''
    : `<div class="preview-nav" style="background:${bg};color:${fg}">${route === app.pages[0] || isTabPage(app, route) ? '' : '<span class="preview-nav__back">‹</span>'}<span class="preview-nav__title">${escape(title ?? w.navigationBarTitleText ?? '')}</span><span class="preview-nav__capsule" style="border-color:${fg}55">•••&nbsp;|&nbsp;◎</span></div>`;
  const tabBar = app.tabBar;
  if (!tabBar || !isTabPage(app, route)) return { top: status + nav, bottom: '<div class="preview-home"></div>', insetBottom: FRAME.homeIndicator };
  const items = tabBar.list
    .map((t) => {
      const on = t.pagePath === route;
      return `<div class="preview-tab${on ? ' preview-tab--on' : ''}" style="color:${on ? tabBar.selectedColor : tabBar.color}">${icon(root, on ? t.selectedIconPath : t.iconPath)}<span>${escape(t.text)}</span></div>`;
    })
    .join('');
  const border = tabBar.borderStyle === 'white' ? '#f0f0f0' : '#d9d9d9';
  return {
    top: status + nav,
    bottom: `<div class="preview-tabbar" style="background:${tabBar.backgroundColor};border-top-color:${border}">${items}</div>`,
    insetBottom: FRAME.tabBar + FRAME.homeIndicator,
  };
}
