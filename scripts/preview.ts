/**
 * The browser's half of `npm run preview` and of the UI check (jest renders the documents first):
 *
 *   node dist/scripts/preview.js shoot [dir]     screenshots, index.html, the UI check's findings
 *   node dist/scripts/preview.js measure [dir]   only the findings, as JSON on stdout
 *   node dist/scripts/preview.js docs [dir]      README's screenshots (1x, small) into docs/preview/
 */
import fs from 'node:fs';
import path from 'node:path';
import { startBrowser } from './preview/chrome';
import { FRAME } from './preview/frame';
import { shootAll, writeIndex } from './preview/shoot';

/** README's screenshots: rendered state → file under docs/preview/. */
const DOCS: Record<string, string> = {
  'circle--长辈模式': 'circle-elder.png',
  'activity--有内容': 'activity.png',
  'activity-detail--待审核': 'activity-detail.png',
  'packageCommittee-workbench--居委会视角': 'workbench.png',
};

async function docs(dir: string): Promise<void> {
  const out = path.resolve(__dirname, '..', '..', 'docs', 'preview');
  fs.mkdirSync(out, { recursive: true });
  const browser = await startBrowser({ width: FRAME.width, height: FRAME.height, deviceScaleFactor: 1 });
  try {
    const tab = await browser.tab();
    for (const [id, name] of Object.entries(DOCS)) {
      const page = await tab.open(path.join(dir, `${id}.html`));
      await page.screenshot({ path: path.join(out, name) as `${string}.png` });
      console.log(`docs/preview/${name}: ${(fs.statSync(path.join(out, name)).size / 1024).toFixed(0)} KB`);
    }
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const [command, dirArg] = process.argv.slice(2);
  const dir = path.resolve(dirArg ?? 'preview');
  if (command === 'measure') {
    const shots = await shootAll(dir, { screenshots: false });
    process.stdout.write(JSON.stringify(shots));
    return;
  }
  if (command === 'docs') return docs(dir);
  if (command !== 'shoot') throw new Error('usage: preview.js shoot|measure|docs [dir]');
  const started = Date.now();
  const shots = await shootAll(dir, { screenshots: true });
  const index = writeIndex(dir, shots);
  const findings = shots.reduce((n, s) => n + s.findings.length, 0);
  console.log(`${shots.length} page states screenshotted in ${((Date.now() - started) / 1000).toFixed(1)} s; UI check findings: ${findings}; open ${path.relative(process.cwd(), index)}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
