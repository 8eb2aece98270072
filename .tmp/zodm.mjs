import { build } from 'esbuild';
import { functionTrims } from '../scripts/build-trims.mjs';
const [what] = process.argv.slice(2);
const src = what === 'all' ? "const {contract}=require('./domain/contract'); module.exports=contract;" : `const m=require('./domain/contract/${what}'); module.exports=m;`;
await build({ stdin: { contents: src, resolveDir: '/work/wt/cold', loader: 'ts' }, outfile: `/tmp/prof/z-${what}.js`, bundle: true, platform: 'node', target: 'node16', format: 'cjs', minify: true, keepNames: true, plugins: functionTrims, logLevel: 'warning' });
