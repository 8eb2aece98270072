import fs from 'node:fs';
import path from 'node:path';
import { MINIPROGRAM_ROOT } from './simulate';

/**
 * TDesign's icon styles name all 2,352 of its glyphs (≈110 KB); the mini-program ships only the font
 * face, the base rules and the glyphs it can show (scripts/build-miniprogram-npm.mjs). The arrow of
 * a t-cell (工作台, 活动, 服务菜单 lists) is chevron-right, so that one must be there.
 */
const shipped = fs.readFileSync(path.join(MINIPROGRAM_ROOT, 'miniprogram_npm', 'tdesign-miniprogram', 'icon', 'icon.wxss'), 'utf8');
const original = fs.readFileSync(path.join(MINIPROGRAM_ROOT, '..', 'node_modules', 'tdesign-miniprogram', 'miniprogram_dist', 'icon', 'icon.wxss'), 'utf8');
const glyphs = (wxss: string) => [...wxss.matchAll(/^\.t-icon-([\w-]+):before\{/gm)].map((m) => m[1]);

test('the icon styles keep the font face, the base rules and the arrow t-cell shows, and drop the glyphs no page can show', () => {
  expect(glyphs(original).length).toBeGreaterThan(2000);
  expect(shipped).toContain('@font-face{font-family:t;');
  expect(shipped).toContain('.t-icon{font-family:t!important;}');
  expect(shipped).toContain('.t-icon-base{');
  expect(glyphs(shipped)).toContain('chevron-right');
  expect(glyphs(shipped)).not.toContain('zoom-out');
  expect(Buffer.byteLength(shipped)).toBeLessThan(8 * 1024);
  // What stays is exactly the original's rules, in its order.
  const kept = new Set(glyphs(shipped));
  const expected = original.split('\n').filter((rule) => {
    const glyph = /^\.t-icon-([\w-]+):before\{/.exec(rule);
    return !glyph || kept.has(glyph[1]);
  });
  expect(shipped.split('\n')).toEqual(expected);
});

test('every icon a page names on a TDesign tag is kept', () => {
  const named: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (['miniprogram_npm', 'generated', 'node_modules'].includes(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.wxml')) {
        for (const tag of fs.readFileSync(full, 'utf8').matchAll(/<t-[\w-]+\b[^>]*>/g)) {
          for (const m of tag[0].matchAll(/\b(?:icon|left-icon|right-icon|prefix-icon|suffix-icon)\s*=\s*["']([^"'{}]+)["']/g)) named.push(m[1]);
        }
      }
    }
  };
  walk(MINIPROGRAM_ROOT);
  expect(named.filter((name) => !glyphs(shipped).includes(name))).toEqual([]);
});
