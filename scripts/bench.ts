// `npm run bench`: prints figures, never fails the build. Numbers vary with the machine and its load.
// Each measure lives in scripts/bench/; this runs them in order.
import os from 'node:os';
import { circleFeed } from './bench/circle-feed';
import { coldRequire } from './bench/cold-require';
import { demandDashboard } from './bench/demand-dashboard';
import { demandSweep } from './bench/demand-sweep';
import { functionCalls } from './bench/function-calls';
import { indexedQuery } from './bench/indexed-query';
import { largestSetData, miniprogramSizes } from './bench/miniprogram';
import { signupRush } from './bench/signup-rush';

async function main(): Promise<void> {
  console.log(`Youlin Circle bench — node ${process.version}, ${os.cpus().length} cores\n`);
  await functionCalls();
  await signupRush();
  await circleFeed();
  await indexedQuery();
  await demandSweep();
  await demandDashboard();
  coldRequire();
  console.log();
  miniprogramSizes();
  console.log();
  largestSetData();
}

main().catch((error: unknown) => {
  // Benchmarks report; they do not fail the build.
  console.error('bench error:', (error as Error).message);
});
