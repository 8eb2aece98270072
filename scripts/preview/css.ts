/**
 * WXSS, as miniprogram-simulate compiled it (class names prefixed with their component's tag), made
 * into CSS a browser applies to the rendered DOM: built-in components are `wx-*` elements there, the
 * `page` selector is the page's frame, and rpx is px at 375 px wide (1 rpx = 0.5 px).
 */

/** Every built-in component that a tag selector may name; rendered as `wx-<name>`. */
const BUILT_IN = [
  'view',
  'text',
  'image',
  'button',
  'input',
  'textarea',
  'scroll-view',
  'swiper',
  'swiper-item',
  'navigator',
  'picker',
  'picker-view',
  'switch',
  'checkbox',
  'checkbox-group',
  'radio',
  'radio-group',
  'label',
  'form',
  'icon',
  'rich-text',
  'progress',
  'slider',
  'canvas',
  'map',
  'video',
  'camera',
  'cover-view',
  'cover-image',
  'movable-area',
  'movable-view',
  'web-view',
  'block',
  'editor',
];
const TAG = new RegExp(`(^|[\\s>+~,(])(${BUILT_IN.map((t) => t.replace('-', '\\-')).join('|')}|page)(?=$|[\\s.#:\\[>+~,)])`, 'g');

/** rpx → px at 375 px wide. */
export function rpxToPx(css: string): string {
  return css.replace(/(-?\d*\.?\d+)rpx/gi, (_m, n: string) => `${+(Number(n) / 2).toFixed(2)}px`);
}

/** `view .a` → `wx-view .a`; `page` → `.wx-page` (the page's frame); `:host` stays for what has none. */
export function browserSelector(selector: string): string {
  return selector.replace(TAG, (_m, before: string, tag: string) => `${before}${tag === 'page' ? '.wx-page' : `wx-${tag}`}`);
}

/** Rewrites the selectors of every rule (inside @media too; not inside @keyframes / @font-face). */
export function browserCss(css: string): string {
  let out = '';
  let i = 0;
  const stack: boolean[] = []; // per open block: does it hold rules (true) or declarations (false)
  let start = 0;
  while (i < css.length) {
    const c = css[i];
    if (c === '"' || c === "'") {
      const end = css.indexOf(c, i + 1);
      i = end < 0 ? css.length : end + 1;
      continue;
    }
    if (c === '{') {
      const head = css.slice(start, i);
      const holdsRules = stack.length === 0 || stack[stack.length - 1];
      if (holdsRules && !head.trim().startsWith('@')) {
        out += head.split(',').map(browserSelector).join(',') + '{';
        stack.push(false);
      } else {
        out += head + '{';
        const at = head.trim();
        stack.push(holdsRules && /^@(media|supports|layer|document)/.test(at));
        if (holdsRules && /^@(keyframes|-webkit-keyframes|font-face|page)/.test(at)) stack[stack.length - 1] = false;
      }
      start = ++i;
      continue;
    }
    if (c === '}') {
      out += css.slice(start, i + 1);
      stack.pop();
      start = ++i;
      continue;
    }
    if (c === ';' && (stack.length === 0 || stack[stack.length - 1])) {
      // a statement at rule level (@import, @charset): keep as it is
      out += css.slice(start, i + 1);
      start = ++i;
      continue;
    }
    i++;
  }
  out += css.slice(start);
  return rpxToPx(out);
}
