/**
 * The system's Chromium (Debian's `chromium` package; CHROMIUM_PATH overrides), driven over the
 * DevTools protocol by puppeteer-core: one browser for a whole run, one tab reused for every page,
 * nothing fetched from the network (a document carries all it shows).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { FRAME } from './frame';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** The browser's path, or null when this machine has none. */
export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && fs.existsSync(fromEnv)) return fromEnv;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const name of CANDIDATES) {
      const file = path.join(dir, name);
      if (fs.existsSync(file)) return file;
    }
  }
  return null;
}

export interface Tab {
  /** Loads a document from a file; resolves when it is laid out with its fonts. */
  open(file: string): Promise<Page>;
}

export interface PreviewBrowser {
  /** A new tab with the viewport, reaching nothing outside the documents. */
  tab(): Promise<Tab>;
  close(): Promise<void>;
}

/** The tabs' viewport: by default a 375×812 phone at 2x. */
export async function startBrowser(
  viewport: { width: number; height: number; deviceScaleFactor: number } = { width: FRAME.width, height: FRAME.height, deviceScaleFactor: 2 },
): Promise<PreviewBrowser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('no Chromium on this machine: apt-get install chromium fonts-noto-cjk');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const puppeteer = require('puppeteer-core') as typeof import('puppeteer-core');
  const browser: Browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--font-render-hinting=none', '--hide-scrollbars', '--lang=zh-CN'],
  });
  return {
    async tab() {
      const page = await browser.newPage();
      await page.setViewport(viewport);
      await page.setRequestInterception(true);
      page.on('request', (request) => (request.url().startsWith('file:') || request.url().startsWith('data:') ? request.continue() : request.abort()));
      return {
        async open(file) {
          await page.goto(`file://${path.resolve(file)}`, { waitUntil: 'load' });
          await page.evaluate(() => (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready);
          return page;
        },
      };
    },
    close: () => browser.close(),
  };
}
