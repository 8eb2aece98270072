import { build } from 'esbuild';
import { functionTrims } from '../scripts/build-trims.mjs';
const fn = process.argv[2];
const r = await build({ entryPoints: [`/work/wt/cold/cloudfunctions/${fn}/src/index.ts`], outfile: `/tmp/prof/m-${fn}.js`, bundle: true, platform: 'node', target: 'node16', format: 'cjs', minify: true, keepNames: true, plugins: functionTrims, logLevel: 'warning', metafile: true });
const out = Object.values(r.metafile.outputs)[0];
const by = {};
for (const [f, v] of Object.entries(out.inputs)) { const k = f.includes('node_modules') ? f.replace(/.*node_modules\//, '').split('/').slice(0, f.includes('@') ? 2 : 1).join('/') : f.split('/').slice(0, 2).join('/'); by[k] = (by[k] || 0) + v.bytesInOutput; }
console.log(Object.entries(by).sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${(v / 1024).toFixed(1).padStart(7)} ${k}`).join('\n'));
