import { build } from 'esbuild';
import { functionTrims } from '/work/wt/cold/scripts/build-trims.mjs';
const minify = process.argv[3] === 'min';
await build({ entryPoints: [`/work/wt/cold/cloudfunctions/${process.argv[2]}/src/index.ts`], outfile: `/tmp/prof/${process.argv[2]}${minify?'-min':''}.js`, bundle: true, platform: 'node', target: 'node16', format: 'cjs', minify, keepNames: true, plugins: functionTrims, logLevel: 'warning', metafile: false });
