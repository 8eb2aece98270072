import { build } from 'esbuild';
import { functionTrims, lazySdkParts } from '../scripts/build-trims.mjs';
const fn = process.argv[2];
const base = { entryPoints: [`/work/wt/cold/cloudfunctions/${fn}/src/index.ts`], bundle: true, platform: 'node', target: 'node16', format: 'cjs', logLevel: 'error', plugins: [...functionTrims, lazySdkParts] };
await build({ ...base, outfile: `/tmp/prof/v/${fn}-keep/index.js`, minify: true, keepNames: true });
await build({ ...base, outfile: `/tmp/prof/v/${fn}-nokeep/index.js`, minify: true, keepNames: false });
await build({ ...base, outfile: `/tmp/prof/v/${fn}-ws/index.js`, minifyWhitespace: true, minifySyntax: true, keepNames: false });
