import { build } from 'esbuild';
import { functionTrims } from '../scripts/build-trims.mjs';
await build({ stdin: { contents: "const {contract}=require('./domain/contract'); module.exports=contract;", resolveDir: '/work/wt/cold', loader: 'ts' }, outfile: `/tmp/prof/zu.js`, bundle: true, platform: 'node', target: 'node16', format: 'cjs', minify: false, plugins: functionTrims, logLevel: 'warning' });
