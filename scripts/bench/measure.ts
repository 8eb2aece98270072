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

/** A figure beside its goal: `goal` is the limit, `met` whether the figure is within it. */
export const goal = (met: boolean, text: string) => `[goal ${text}: ${met ? 'met' : 'NOT met'}]`;

/** The process's resident memory in MB (the emulator and its function instances share it). */
export const rssMb = () => process.memoryUsage().rss / (1024 * 1024);
