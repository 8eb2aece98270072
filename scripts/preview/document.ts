/**
 * One HTML document per rendered page state: WeChat's defaults, app.wxss, the page's and its
 * components' styles, the page's DOM inside its frame. The document says what the UI check needs to
 * know about the state (elder mode, the page's primary action, the visible area) on its <html>.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BASE_CSS, ICON_FALLBACK_CSS } from './base-css';
import { CapturedPage } from './capture';
import { browserCss } from './css';
import { AppJson, FRAME, frame } from './frame';

export interface DocumentOptions {
  root: string;
  app: AppJson;
  route: string;
  page: CapturedPage;
  title?: string;
  elder: boolean;
  /** A selector for the page's primary action, which must show without scrolling. */
  primary?: string;
}

interface Wxss {
  getContent(file: string): string;
  compile(wxss: string, options: { prefix: string }): string;
}

/** app.wxss as it applies to a page: its classes carry the page's prefix in simulate's DOM. */
export function appCss(root: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const wxss: Wxss = require('miniprogram-simulate/src/wxss');
  const file = path.join(root, 'app.wxss');
  return fs.existsSync(file) ? browserCss(wxss.compile(wxss.getContent(file), { prefix: 'main' })) : '';
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The phone's safe area: the home indicator's 34 px under a page, none above a tab bar (it covers them). */
const safeArea = (css: string, bottom: number) =>
  css.replace(/(?:env|constant)\(\s*safe-area-inset-bottom\s*\)/g, `${bottom}px`).replace(/(?:env|constant)\(\s*safe-area-inset-(?:top|left|right)\s*\)/g, '0px');

export function pageDocument(options: DocumentOptions, app: string): string {
  const { top, bottom, insetBottom } = frame({ root: options.root, app: options.app, route: options.route, title: options.title });
  const safe = insetBottom === FRAME.homeIndicator ? FRAME.homeIndicator : 0;
  const visibleBottom = FRAME.height - insetBottom;
  const data = [
    `data-route="${attr(options.route)}"`,
    `data-elder="${options.elder}"`,
    `data-visible-top="${FRAME.statusBar + FRAME.navBar}"`,
    `data-visible-bottom="${visibleBottom}"`,
    // the page's classes carry simulate's prefix for the page (main--)
    options.primary ? `data-primary="${attr(options.primary.replace(/\.([\w-]+)/g, '.main--$1'))}"` : '',
  ].join(' ');
  return `<!doctype html>
<html lang="zh-CN" ${data}><head><meta charset="utf-8"><meta name="viewport" content="width=${FRAME.width}">
<style>${BASE_CSS}</style>
<style>${safeArea(app, safe)}</style>
<style>${safeArea(options.page.css, safe)}</style>
<style>${ICON_FALLBACK_CSS}</style>
</head><body>
<div class="wx-page" style="padding-bottom:${insetBottom}px">${options.page.html}</div>
<div data-preview-frame>${top}${bottom}</div>
</body></html>
`;
}
