// Database requests per action beside each action's budget: runs the request budget test
// (tests/functions/request-budget.test.ts, every action warm) and prints what it measured.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../emulator/schema';
import { goal } from './measure';

export async function requestBudget(): Promise<void> {
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'youlin-bench-')), 'requests.json');
  console.log('database requests per action, warm (the first call of a caller in an instance costs one more: their user document)');
  const jest = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), 'tests/functions/request-budget.test.ts', '--silent'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, REQUEST_BUDGET_REPORT: report },
    encoding: 'utf8',
  });
  if (!fs.existsSync(report)) {
    console.log(`  no report: ${jest.stderr.split('\n').slice(-5).join(' ')}`);
    return;
  }
  const { measured, budget } = JSON.parse(fs.readFileSync(report, 'utf8')) as { measured: Record<string, number>; budget: Record<string, number> };
  let over = 0;
  for (const [action, n] of Object.entries(measured)) {
    const b = budget[action];
    if (b !== undefined && n > b) over++;
    console.log(`  ${action.padEnd(28)} ${String(n).padStart(3)}   budget ${b ?? '—'}`);
  }
  console.log(`  ${goal(over === 0, 'every action within its budget')} (${Object.keys(measured).length} actions)`);
}
