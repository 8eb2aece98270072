/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * The UI check: every page of app.json (main package and subpackages) in its registered states, rendered from a living week through the real functions (as
 * `npm run preview` does), laid out and measured by Chromium (scripts/preview/measure.ts): no tap
 * target under 44×44 px, no text under 14 px (18 px in elder mode), no information text under 4.5:1
 * contrast, nothing sticking out sideways, the primary action on the first screen. Skipped, saying
 * so, only where this machine has no Chromium (`apt-get install chromium fonts-noto-cjk`).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findChromium } from '../../scripts/preview/chrome';
import { allRoutes, readApp } from '../../scripts/preview/pages';
import { renderStates } from '../../scripts/preview/render';
import type { Shot } from '../../scripts/preview/shoot';
import { ALLOWED, allowed } from './allow-list';

/** Every page of app.json, main package first, then each subpackage. */
const ROUTES = allRoutes(readApp());

const TOOL = path.resolve(__dirname, '..', '..', 'dist', 'scripts', 'preview.js');
const chromium = findChromium();

if (!chromium) {
  test.skip('UI check skipped: no Chromium on this machine (apt-get install chromium fonts-noto-cjk)', () => {});
  console.warn('UI check skipped: no Chromium on this machine (apt-get install chromium fonts-noto-cjk)');
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ui-check-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  // empty and loading-failed on the bare seed, then content, elder mode and the committee's view
  renderStates({ dir, run: 'ui-check-seed', world: 'seed', routes: ROUTES });
  renderStates({ dir, run: 'ui-check-lively', world: 'lively', routes: ROUTES });

  test('every page passes the UI check in Chromium, but for the allow-list', () => {
    const run = spawnSync(process.execPath, [TOOL, 'measure', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(run.stderr);
    const shots = JSON.parse(run.stdout) as Shot[];
    expect(shots.map((s) => s.route)).toEqual(expect.arrayContaining(ROUTES));

    const problems = shots.flatMap((s) => s.findings.filter((f) => !allowed(s.route, f)).map((f) => `${s.route} · ${s.state}: ${f.rule} ${f.where} — ${f.measured}`));
    expect(problems).toEqual([]);

    const stale = ALLOWED.filter((a) => !shots.some((s) => s.findings.some((f) => s.route === a.route && f.rule === a.rule && f.where.startsWith(a.where))));
    expect(stale).toEqual([]);
  });
}
