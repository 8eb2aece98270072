/**
 * What WeChat's own stylesheet gives the built-in components (WeUI's defaults, as DevTools shows them)
 * and the frame the preview draws around a page. A browser knows none of the `wx-*` elements.
 */
import { FRAME } from './frame';

export const BASE_CSS = `
html, body { margin: 0; padding: 0; width: ${FRAME.width}px; }
body { font-family: -apple-system, "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", sans-serif; -webkit-font-smoothing: antialiased; }
[hidden] { display: none !important; }
.wx-page { display: block; min-height: 100vh; box-sizing: border-box; font-size: 16px; padding-top: ${FRAME.statusBar + FRAME.navBar}px; }
main { display: block; }
wx-view, wx-scroll-view, wx-swiper, wx-swiper-item, wx-form, wx-navigator, wx-picker, wx-picker-view, wx-cover-view, wx-movable-area, wx-rich-text, wx-checkbox-group, wx-radio-group, wx-slider, wx-progress { display: block; }
wx-text { display: inline; white-space: pre-wrap; }
wx-label { display: inline; }
wx-scroll-view { overflow: hidden; }
wx-scroll-view[scroll-x] { overflow-x: auto; scrollbar-width: none; }
wx-scroll-view[scroll-y] { overflow-y: auto; }
wx-swiper { position: relative; height: 150px; overflow: hidden; }
wx-image { display: inline-block; width: 320px; height: 240px; overflow: hidden; background: #e9e7e3; }
wx-image[mode="widthFix"] { height: auto; min-height: 60px; }
wx-icon { display: inline-block; }
wx-button { position: relative; display: block; margin-left: auto; margin-right: auto; padding-left: 14px; padding-right: 14px; box-sizing: border-box; width: 184px;
  font-size: 17px; font-weight: 700; text-align: center; line-height: 2.82352941; border-radius: 8px; overflow: hidden; color: #06ae56; background-color: #f2f2f2; }
wx-button[type="primary"] { color: #ffffff; background-color: #07c160; }
wx-button[type="warn"] { color: #fa5151; background-color: #f2f2f2; }
wx-button[size="mini"] { display: inline-block; width: auto; line-height: 2.3; font-size: 13px; padding: 0 1.34em; border-radius: 4px; }
wx-button[plain] { background-color: transparent; border: 1px solid currentColor; }
wx-button[disabled] { color: rgba(0, 0, 0, 0.18); background-color: #f2f2f2; }
wx-button[type="primary"][disabled] { color: rgba(255, 255, 255, 0.6); background-color: #9ed99d; }
wx-input { display: block; height: 1.4em; line-height: 1.4em; min-height: 1.4em; overflow: hidden; white-space: nowrap; text-overflow: clip; }
wx-textarea { display: block; width: 300px; height: 150px; overflow: hidden; white-space: pre-wrap; }
wx-textarea[auto-height] { height: auto; min-height: 1.4em; }
.wx-input__placeholder { color: #808080; }
wx-switch { display: inline-block; width: 52px; height: 32px; border-radius: 16px; background: #e5e5e5; position: relative; vertical-align: middle; }
wx-switch::after { content: ""; position: absolute; top: 2px; left: 2px; width: 28px; height: 28px; border-radius: 50%; background: #fff; box-shadow: 0 1px 3px rgba(0,0,0,.3); }
wx-switch[checked] { background: #07c160; }
wx-switch[checked][color] { background: var(--preview-switch, #07c160); }
wx-switch[checked]::after { left: 22px; }
wx-checkbox, wx-radio { display: inline-block; vertical-align: middle; }
wx-checkbox::before, wx-radio::before { content: ""; display: inline-block; width: 22px; height: 22px; border: 1px solid #d1d1d1; border-radius: 3px; margin-right: 5px; vertical-align: middle; background: #fff; }
wx-radio::before { border-radius: 50%; }
wx-checkbox[checked]::before, wx-radio[checked]::before { background: #07c160; border-color: #07c160; }
.preview-placeholder { display: flex; align-items: center; justify-content: center; min-height: 120px; margin: 8px 0; border: 2px dashed #b0aba3; color: #5c5850; font-size: 14px; background: repeating-linear-gradient(45deg, #f3f1ee, #f3f1ee 8px, #ebe8e4 8px, #ebe8e4 16px); }
.preview-status { position: fixed; z-index: 1000; top: 0; left: 0; right: 0; height: ${FRAME.statusBar}px; display: flex; justify-content: space-between; align-items: center; padding: 6px 24px 0; box-sizing: border-box; font-size: 14px; font-weight: 600; }
.preview-nav { position: fixed; z-index: 1000; top: ${FRAME.statusBar}px; left: 0; right: 0; height: ${FRAME.navBar}px; display: flex; align-items: center; justify-content: center; font-size: 17px; font-weight: 600; }
.preview-nav__back { position: absolute; left: 12px; font-size: 30px; font-weight: 400; line-height: 1; }
.preview-nav__title { max-width: 190px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
.preview-nav__capsule { position: absolute; right: 7px; height: 30px; width: 87px; box-sizing: border-box; border: 1px solid; border-radius: 16px; font-size: 12px; display: flex; align-items: center; justify-content: center; }
.preview-tabbar { position: fixed; z-index: 1000; left: 0; right: 0; bottom: 0; height: ${FRAME.tabBar + FRAME.homeIndicator}px; padding-bottom: ${FRAME.homeIndicator}px; box-sizing: border-box; display: flex; border-top: 1px solid; }
.preview-tab { flex: 1; display: flex; flex-direction: column; align-items: center; justify-content: center; font-size: 10px; gap: 2px; }
.preview-tab__icon { width: 27px; height: 27px; }
.preview-home { position: fixed; z-index: 1000; left: 50%; bottom: 8px; width: 134px; margin-left: -67px; height: 5px; border-radius: 3px; background: rgba(0,0,0,.85); }
`;

/**
 * TDesign's icon font comes from the network, which the preview does not reach: the icons pages use
 * get a character of the same meaning.
 */
const ICONS: Record<string, string> = {
  'chevron-right': '›',
  'chevron-left': '‹',
  'chevron-down': '⌄',
  close: '×',
  'close-circle-filled': '⊗',
  check: '✓',
  'check-circle-filled': '✓',
  'error-circle': '!',
  error: '!',
  'info-circle': 'i',
  add: '+',
  search: '⌕',
  location: '⌖',
  time: '◷',
  call: '☎',
  user: '◯',
  heart: '♡',
  'heart-filled': '♥',
  chat: '▭',
  share: '↗',
  image: '▨',
  loading: '◌',
};
export const ICON_FALLBACK_CSS = Object.entries(ICONS)
  .map(([name, char]) => `[class*="t-icon-${name}"]:not([class*="t-icon-${name}-"])::before { content: "${char}" !important; font-family: sans-serif !important; }`)
  .join('\n');
