/* eslint-disable @typescript-eslint/no-explicit-any -- runs inside the browser's page, where the project's types (no DOM lib) do not reach */
/**
 * The UI check's measures, taken by Chromium on a rendered page (the function is sent to the page
 * and runs there, so it uses nothing from outside its body). What a resident meets:
 * - tap: something that reacts to a tap smaller than 44×44 px (Apple's HIG minimum; WeChat's own
 *   design guide asks the same of its buttons);
 * - text: text under 14 px, or 18 px in elder mode (DESIGN.md's elder mode promise);
 * - contrast: text under 4.5:1 against what is behind it (WCAG 2.x AA for normal text); a disabled
 *   control and an input's placeholder are not information and are left out;
 * - overflow: anything sticking out of the 375 px screen where nothing scrolls or clips it;
 * - primary: the page's primary action missing, or not on the first screen without scrolling.
 * Nothing is compared pixel by pixel.
 */
export interface Finding {
  rule: 'tap' | 'text' | 'contrast' | 'overflow' | 'primary';
  /** The element, as `tag.class` and a little of its text. */
  where: string;
  /** What was measured, e.g. "32×30 px" or "2.9:1". */
  measured: string;
}

export const LIMITS = { tap: 44, text: 14, elderText: 18, contrast: 4.5, width: 375 } as const;

export function measurePage(limits: typeof LIMITS): Finding[] {
  const doc = (globalThis as any).document;
  const win = globalThis as any;
  const root = doc.documentElement;
  const elder = root.dataset.elder === 'true';
  const top = Number(root.dataset.visibleTop);
  const bottom = Number(root.dataset.visibleBottom);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const add = (f: Finding) => {
    const key = `${f.rule}|${f.where}|${f.measured}`;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push(f);
  };
  const describe = (el: any): string => {
    const classes = Array.from(el.classList as string[])
      .filter((c) => c.trim())
      .slice(0, 2)
      .map((c) => `.${c.replace(/^main--/, '')}`)
      .join('');
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 16);
    return `${el.tagName.toLowerCase()}${classes}${text ? ` “${text}”` : ''}`;
  };
  const inFrame = (el: any) => !!el.closest('[data-preview-frame]');
  const shown = (el: any) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    const s = win.getComputedStyle(el);
    return s.visibility !== 'hidden' && Number(s.opacity) > 0;
  };
  const page = doc.querySelector('.wx-page');

  // tap targets
  for (const el of Array.from(page.querySelectorAll('[data-tap]')) as any[]) {
    if (!shown(el)) continue;
    const r = el.getBoundingClientRect();
    // inside something larger that reacts to the same tap (an icon in a cell), the finger has room
    const holder = el.parentElement?.closest('[data-tap]');
    const hr = holder?.getBoundingClientRect();
    if (hr && hr.width >= limits.tap - 0.5 && hr.height >= limits.tap - 0.5) continue;
    if (r.width < limits.tap - 0.5 || r.height < limits.tap - 0.5) add({ rule: 'tap', where: describe(el), measured: `${Math.round(r.width)}×${Math.round(r.height)} px` });
  }

  // text: size and contrast, per element holding text
  const parse = (c: string): number[] => (c.match(/[\d.]+/g) ?? []).map(Number).concat([1]).slice(0, 4);
  const lum = (rgb: number[]) => {
    const ch = rgb.slice(0, 3).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
  };
  const over = (fg: number[], bg: number[]) => [0, 1, 2].map((i) => fg[i] * fg[3] + bg[i] * (1 - fg[3])).concat([1]);
  /** The colour behind `el`, or null behind an image or gradient (not measured). */
  const background = (el: any): number[] | null => {
    const layers: number[][] = [];
    for (let e = el; e; e = e.parentElement) {
      const style = win.getComputedStyle(e);
      if (style.backgroundImage !== 'none') return null;
      const c = parse(style.backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let bg = [255, 255, 255, 1];
    for (const layer of layers.reverse()) bg = over(layer, bg);
    return bg;
  };
  const walker = doc.createTreeWalker(page, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node.textContent ?? '').trim();
    if (!text) continue;
    const el = node.parentElement;
    if (!el || inFrame(el) || el.closest('[data-preview-placeholder]') || !shown(el)) continue;
    const s = win.getComputedStyle(el);
    const size = parseFloat(s.fontSize);
    const min = elder ? limits.elderText : limits.text;
    if (size < min - 0.01) add({ rule: 'text', where: describe(el), measured: `${+size.toFixed(1)} px` });
    if (el.closest('[disabled], [data-placeholder]')) continue;
    const fg = parse(s.color);
    const bg = background(el);
    if (!bg) continue;
    const a = lum(over(fg, bg));
    const b = lum(bg);
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < limits.contrast) add({ rule: 'contrast', where: describe(el), measured: `${ratio.toFixed(2)}:1` });
  }

  // horizontal overflow: sticking out of the screen with nothing that scrolls or clips it
  for (const el of Array.from(page.querySelectorAll('*')) as any[]) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || (r.right <= limits.width + 0.5 && r.left >= -0.5)) continue;
    // only the outermost element that sticks out: its children go with it
    const pr = el.parentElement.getBoundingClientRect();
    if (el.parentElement !== page && (pr.right > limits.width + 0.5 || pr.left < -0.5)) continue;
    let clipped = false;
    for (let p = el.parentElement; p && p !== page; p = p.parentElement) {
      if (win.getComputedStyle(p).overflowX !== 'visible') {
        clipped = true;
        break;
      }
    }
    if (!clipped) add({ rule: 'overflow', where: describe(el), measured: `${Math.round(r.left)}…${Math.round(r.right)} px` });
  }

  // the primary action on the first screen
  const primary = root.dataset.primary;
  if (primary) {
    const el = page.querySelector(primary);
    if (!el || !shown(el)) add({ rule: 'primary', where: primary, measured: 'not on the page' });
    else {
      const r = el.getBoundingClientRect();
      if (r.top < top || r.bottom > bottom) add({ rule: 'primary', where: describe(el), measured: `${Math.round(r.top)}…${Math.round(r.bottom)} px, visible ${top}…${bottom}` });
    }
  }
  return findings;
}
