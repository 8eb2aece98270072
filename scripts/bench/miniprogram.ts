// The mini-program's figures: its package sizes and the largest setData payloads of the page tests.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../emulator/schema';

/** The mini-program's package sizes, as `npm test` checks them (scripts/miniprogram-size.mjs). */
export function miniprogramSizes(): void {
  try {
    console.log(
      execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts', 'miniprogram-size.mjs')])
        .toString()
        .trimEnd(),
    );
  } catch (error) {
    const failed = error as { stdout?: Buffer; stderr?: Buffer };
    console.log(`${failed.stdout?.toString() ?? ''}${failed.stderr?.toString() ?? ''}`.trimEnd());
  }
}

/**
 * The largest setData payloads of the page tests: runs them with the recorder writing each test's
 * largest payload to a file (tests/miniprogram/simulate.ts), then prints the top five.
 */
export function largestSetData(): void {
  const log = path.join(os.tmpdir(), `youlin-setdata-${process.pid}.jsonl`);
  const jest = path.join(PROJECT_ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
  try {
    execFileSync(process.execPath, [jest, 'tests/miniprogram', '--silent'], { cwd: PROJECT_ROOT, env: { ...process.env, YOULIN_SETDATA_LOG: log }, stdio: 'ignore' });
  } catch {
    console.log('  (some page tests failed; figures are from those that ran)');
  }
  if (!fs.existsSync(log)) return;
  let rows: { test: string; component: string; keys: string[]; bytes: number; mostListGrowth: number }[] = fs
    .readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  fs.rmSync(log, { force: true });
  // The recorder's own test drives a fixture past the budget on purpose: only the mini-program's pages count.
  rows = rows.filter((r) => !r.component.includes('fixtures/'));
  rows.sort((a, b) => b.bytes - a.bytes);
  console.log(`setData in page tests: ${rows.length} tests; largest payloads (budget 64 KB, +20 list items a call):`);
  for (const r of rows.slice(0, 5)) console.log(`  ${(r.bytes / 1024).toFixed(1).padStart(6)} KB  ${r.component} (${r.keys.join(', ')})  — ${r.test}`);
  console.log(`  most list items added in one call: ${Math.max(...rows.map((r) => r.mostListGrowth))}`);
}
