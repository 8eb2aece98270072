/**
 * A page rendered in miniprogram-simulate, captured as HTML a browser can lay out: its DOM with what
 * j-component keeps only in its virtual tree put back on the elements (a built-in component's `type`,
 * `size`, `disabled`, `placeholder`, `value`, `hidden` … are not DOM attributes there), which elements
 * react to a tap (for the UI check), and the styles simulate compiled for the page and its components.
 * Runs where the page was rendered (jest with jsdom).
 */
import { browserCss, rpxToPx } from './css';

/** The built-in components' attributes CSS (ours, TDesign's, WeChat's defaults) selects on. */
const CARRIED = new Set([
  'type',
  'size',
  'plain',
  'disabled',
  'loading',
  'placeholder',
  'value',
  'src',
  'mode',
  'checked',
  'scroll-x',
  'scroll-y',
  'auto-height',
  'password',
  'aria-label',
  'aria-role',
  'role',
]);
const TAP_EVENTS = new Set(['tap', 'longpress', 'longtap', 'change', 'input', 'click']);
/** What a browser cannot draw from the DOM: a labelled box instead. */
const PLACEHOLDERS: Record<string, string> = { 'wx-canvas': '画布', 'wx-map': '地图', 'wx-video': '视频', 'wx-camera': '相机', 'wx-web-view': '网页', 'wx-live-player': '直播' };

export interface CapturedPage {
  /** The page's DOM as HTML (the `main` element simulate renders into). */
  html: string;
  /** The page's and its components' styles as browser CSS. */
  css: string;
}

// simulate and j-component turn rpx into px one to one; WeChat, at 375 px wide, makes 1 rpx 0.5 px.
const fixRpx = (style: string) => rpxToPx(style);
for (const utils of ['miniprogram-simulate/src/utils', 'j-component/src/tool/utils']) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(utils).transformRpx = fixRpx;
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

interface VirtualAttr {
  name: string;
  value: unknown;
}
interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  attributes?: ArrayLike<{ name: string; value: string }>;
  __wxElement?: { _vt?: { attrs?: VirtualAttr[]; event?: Record<string, { name: string }> } };
}

const truthy = (value: unknown) => value === true || value === 'true' || value === '';

/** A label holding a switch, radio or checkbox: a tap anywhere on it toggles the control. */
function holdsControl(el: DomNode): boolean {
  return Array.from(el.childNodes).some((c) => c.nodeType === 1 && (['WX-SWITCH', 'WX-RADIO', 'WX-CHECKBOX'].includes(c.nodeName.toUpperCase()) || holdsControl(c)));
}

function attributesOf(el: DomNode, tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const a of Array.from(el.attributes ?? [])) attrs.set(a.name, a.value);
  const vt = el.__wxElement?._vt;
  for (const { name, value } of vt?.attrs ?? []) {
    if (name === 'hidden') {
      if (truthy(value)) attrs.set('hidden', '');
    } else if (tag.startsWith('wx-') && CARRIED.has(name) && value !== undefined && value !== null && value !== false) {
      attrs.set(name, value === true ? '' : String(value));
    }
  }
  const reacts = Object.values(vt?.event ?? {}).some((e) => TAP_EVENTS.has(e.name));
  if (reacts || ['wx-button', 'wx-input', 'wx-textarea', 'wx-switch', 'wx-checkbox', 'wx-radio', 'wx-navigator', 'wx-picker'].includes(tag) || (tag === 'wx-label' && holdsControl(el)))
    attrs.set('data-tap', '');
  return attrs;
}

function serialize(node: DomNode): string {
  if (node.nodeType === 3) return escapeText(node.textContent ?? '');
  if (node.nodeType !== 1) return '';
  const tag = node.nodeName.toLowerCase();
  if (PLACEHOLDERS[tag]) return `<div class="preview-placeholder" data-preview-placeholder>${PLACEHOLDERS[tag]}（预览中不绘制）</div>`;
  const attrs = attributesOf(node, tag);
  const open = [tag, ...Array.from(attrs, ([k, v]) => (v === '' ? k : `${k}="${escapeAttr(k === 'style' ? rpxToPx(v) : v)}"`))].join(' ');
  let inner = Array.from(node.childNodes).map(serialize).join('');
  // An input shows its value, or its placeholder in the placeholder's colour.
  if (tag === 'wx-input' || tag === 'wx-textarea') {
    const value = attrs.get('value');
    const placeholder = attrs.get('placeholder');
    if (value) inner = `<span class="wx-input__value">${escapeText(attrs.has('password') ? '•'.repeat(value.length) : value)}</span>`;
    else if (placeholder) inner = `<span class="wx-input__placeholder" data-placeholder>${escapeText(placeholder)}</span>`;
  }
  return `<${open}>${inner}</${tag}>`;
}

interface StyleNode {
  innerHTML: string;
}

/**
 * The styles simulate inserted when it rendered the page: call right after opening it (each page
 * rendered adds its own set, its components' included, last in the document's head).
 */
export function pageStyles(): string {
  const styles = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<StyleNode> } }).document.querySelectorAll('head style');
  const last = styles[styles.length - 1];
  return last ? browserCss(last.innerHTML) : '';
}

export function capture(page: { dom: unknown }, css: string): CapturedPage {
  return { html: serialize(page.dom as DomNode), css };
}
