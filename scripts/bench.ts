// `npm run bench`: prints figures, never fails the build. Numbers vary with the machine and its load.
// Each measure lives in scripts/bench/; this runs them in order.
import os from 'node:os';
import { checkinBurst } from './bench/checkin-burst';
import { circleFeed } from './bench/circle-feed';
import { coldRequire } from './bench/cold-require';
import { councilVote } from './bench/council-vote';
import { demandDashboard } from './bench/demand-dashboard';
import { demandSweep } from './bench/demand-sweep';
import { functionCalls } from './bench/function-calls';
import { indexedQuery } from './bench/indexed-query';
import { largestSetData, miniprogramSizes } from './bench/miniprogram';
import { memberYearReport } from './bench/member-year-report';
import { requestBudget } from './bench/request-budget';
import { signupRush } from './bench/signup-rush';
import { street } from './bench/street';

/** Every measure in the order printed; `npm run bench -- feed rush` runs only those whose names contain a word given. */
const MEASURES: [string, () => unknown][] = [
  ['function-calls', functionCalls],
  ['request-budget', requestBudget],
  ['signup-rush', signupRush],
  ['checkin-burst', checkinBurst],
  ['circle-feed', circleFeed],
  ['council-vote', councilVote],
  ['demand-sweep', demandSweep],
  ['demand-dashboard', demandDashboard],
  ['indexed-query', indexedQuery],
  ['member-year-report', memberYearReport],
  ['cold-require', coldRequire],
  ['miniprogram-sizes', miniprogramSizes],
  ['largest-setdata', largestSetData],
];

/** Too slow for every run (a street's year, loaded and measured): only when named, `npm run bench -- street`. */
const OPTIONAL: [string, () => unknown][] = [['street', street]];

async function main(): Promise<void> {
  console.log(`Youlin Circle bench — node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)}\n`);
  const only = process.argv.slice(2);
  for (const [name, measure] of [...MEASURES, ...OPTIONAL]) {
    const optional = OPTIONAL.some(([n]) => n === name);
    if ((only.length || optional) && !only.some((word) => name.includes(word))) continue;
    await measure();
    console.log();
  }
  console.log(`load average at the end ${os.loadavg()[0].toFixed(1)}`);
}

main().catch((error: unknown) => {
  // Benchmarks report; they do not fail the build.
  console.error('bench error:', (error as Error).message);
});
