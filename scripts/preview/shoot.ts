/**
 * The browser's half of a preview run: every document of the folder's manifest opened in one
 * Chromium tab, screenshotted at 375×812 @2x and/or measured by the UI check, and an index.html that
 * shows every screenshot with its page and state.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startBrowser } from './chrome';
import { RenderedState, readManifest } from './manifest';
import { Finding, LIMITS, measurePage } from './measure';

export interface Shot extends RenderedState {
  findings: Finding[];
}

/** Two tabs of one browser share the documents: the machine has two cores. */
const TABS = 2;

export async function shootAll(dir: string, options: { screenshots: boolean }): Promise<Shot[]> {
  const states = readManifest(dir);
  const browser = await startBrowser();
  const shots: Shot[] = new Array(states.length);
  let next = 0;
  const work = async () => {
    const tab = await browser.tab();
    for (let i = next++; i < states.length; i = next++) {
      const state = states[i];
      const page = await tab.open(path.join(dir, `${state.id}.html`));
      const findings = await page.evaluate(measurePage, LIMITS);
      if (options.screenshots) await page.screenshot({ path: path.join(dir, `${state.id}.png`) as `${string}.png` });
      shots[i] = { ...state, findings };
    }
  };
  try {
    await Promise.all(Array.from({ length: TABS }, work));
  } finally {
    await browser.close();
  }
  return shots;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function writeIndex(dir: string, shots: Shot[]): string {
  const cards = shots
    .map((s) => {
      const found = s.findings.length
        ? `<details><summary>UI 检查：${s.findings.length} 处</summary><ul>${s.findings.map((f) => `<li>${f.rule}: ${escape(f.where)} — ${escape(f.measured)}</li>`).join('')}</ul></details>`
        : '';
      return `<figure><a href="${escape(s.id)}.png"><img src="${escape(s.id)}.png" width="250" loading="lazy" alt="${escape(`${s.title} ${s.state}`)}"></a><figcaption><b>${escape(s.title || s.route)}</b> · ${escape(s.state)}<br><code>${escape(s.route)}</code>${found}</figcaption></figure>`;
    })
    .join('\n');
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>友邻圈 · 页面预览</title>
<style>body{font-family:-apple-system,"Noto Sans CJK SC",sans-serif;margin:24px;background:#f6f4f1;color:#1f1f1f}main{display:flex;flex-wrap:wrap;gap:24px}figure{margin:0;width:250px}img{border:1px solid #ccc;border-radius:12px;background:#fff}figcaption{font-size:13px;line-height:1.5;margin-top:6px}code{font-size:11px;color:#555}details{color:#a50f15}</style>
</head><body><h1>友邻圈 · 页面预览</h1><p>${shots.length} 个页面状态，由 <code>npm run preview</code> 生成（375×812 @2x）。</p><main>
${cards}
</main></body></html>
`;
  const file = path.join(dir, 'index.html');
  fs.writeFileSync(file, html);
  return file;
}
