import { build } from 'esbuild';
import { functionTrims } from './bt-split.mjs';
await build({ entryPoints: [`/work/wt/cold/cloudfunctions/circle/src/index.ts`], outfile: `/tmp/prof/circle-split-u.js`, bundle: true, platform: 'node', target: 'node16', format: 'cjs', minify: false, keepNames: true, plugins: functionTrims, logLevel: 'error' });
