// What every bench measure shares: where the built functions and test fixtures are, and how figures are printed.
import path from 'node:path';
import { PROJECT_ROOT } from '../../emulator/schema';

/** The app's built cloud functions. */
export const FUNCTIONS = path.join(PROJECT_ROOT, 'cloudfunctions');
/** The emulator's own test functions (probe), built beside dist/. */
export const FIXTURES = path.join(PROJECT_ROOT, 'dist', 'fixtures', 'cloudfunctions');

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
export const ms = (n: number) => `${n.toFixed(2)} ms`;
