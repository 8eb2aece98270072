/**
 * The tab bar's icons (邻里圈, 服务, 活动, 我的), drawn from simple vector shapes and rasterised by
 * the system Chromium to 81×81 PNGs (WeChat's recommended size; at most 40 KB each), grey and in
 * party red for the selected tab, the colours of app.json's tabBar. Run `npm run icons` after
 * changing a shape; the PNGs are committed under miniprogram/images/tab/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBrowser } from './preview/chrome';

const SIZE = 81;
// run from dist/scripts/
const MINIPROGRAM = path.resolve(__dirname, '..', '..', 'miniprogram');
const OUT = path.join(MINIPROGRAM, 'images', 'tab');
const app = JSON.parse(fs.readFileSync(path.join(MINIPROGRAM, 'app.json'), 'utf8')) as { tabBar: { color: string; selectedColor: string } };

/** Shapes on a 24×24 grid, stroked; `fill` shapes are filled. */
const SHAPES: Record<string, string> = {
  // a house with a heart in it: the neighbourhood
  circle:
    '<path d="M3 11 L12 3.5 L21 11" /><path d="M5.5 9.5 V20 H18.5 V9.5" /><path class="fill" d="M12 17.2 C9.2 15.2 8.6 13.8 9.3 12.7 C10 11.7 11.3 11.9 12 12.9 C12.7 11.9 14 11.7 14.7 12.7 C15.4 13.8 14.8 15.2 12 17.2 Z" />',
  // a hand holding a heart: services for neighbours
  service:
    '<path d="M12 12.5 C8.6 10 7.6 8.1 8.5 6.6 C9.4 5.2 11.1 5.4 12 6.8 C12.9 5.4 14.6 5.2 15.5 6.6 C16.4 8.1 15.4 10 12 12.5 Z" class="fill" /><path d="M3 15.5 H7 L10.5 17 H14.5 C15.6 17 15.6 18.6 14.5 18.6 H10.5" /><path d="M7 20.5 L10 21.2 L20 17.8 C21.2 17.3 20.6 15.6 19.3 16 L14.8 17.3" /><path d="M3 14 V21.5" />',
  // a calendar: activities on days
  activity: '<rect x="3.5" y="5" width="17" height="15.5" rx="2" /><path d="M3.5 10 H20.5" /><path d="M8 3 V7 M16 3 V7" /><rect class="fill" x="7" y="13" width="3.5" height="3.5" rx="0.6" />',
  // a person: me
  me: '<circle cx="12" cy="8" r="4.2" /><path d="M4 21 C4.6 16.4 8 14.2 12 14.2 C16 14.2 19.4 16.4 20 21" />',
};

function svg(shape: string, color: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 24 24" fill="none" stroke="${color}" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"><style>.fill{fill:${color};stroke:none}</style>${shape}</svg>`;
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tab-icons-'));
  const browser = await startBrowser({ width: SIZE, height: SIZE, deviceScaleFactor: 1 });
  const tab = await browser.tab();
  try {
    for (const [name, shape] of Object.entries(SHAPES)) {
      for (const [suffix, color] of [
        ['', app.tabBar.color],
        ['-on', app.tabBar.selectedColor],
      ]) {
        const file = path.join(dir, `${name}${suffix}.html`);
        fs.writeFileSync(file, `<!doctype html><html><body style="margin:0;background:transparent">${svg(shape, color)}</body></html>`);
        const page = await tab.open(file);
        const out = path.join(OUT, `${name}${suffix}.png`) as `${string}.png`;
        await page.screenshot({ path: out, omitBackground: true, clip: { x: 0, y: 0, width: SIZE, height: SIZE } });
        console.log(`${path.relative(process.cwd(), out)}: ${(fs.statSync(out).size / 1024).toFixed(1)} KB`);
      }
    }
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
