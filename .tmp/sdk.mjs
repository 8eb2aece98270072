import { build } from 'esbuild';
import { functionTrims } from '../scripts/build-trims.mjs';
await build({ stdin: { contents: "module.exports=require('wx-server-sdk');", resolveDir: '/work/wt/cold', loader: 'js' }, outfile: `/tmp/prof/sdk.js`, bundle: true, platform: 'node', target: 'node16', format: 'cjs', minify: true, keepNames: true, plugins: functionTrims, logLevel: 'warning' });
await build({ stdin: { contents: "module.exports=require('wx-server-sdk');", resolveDir: '/work/wt/cold', loader: 'js' }, outfile: `/tmp/prof/sdk-u.js`, bundle: true, platform: 'node', target: 'node16', format: 'cjs', minify: false, plugins: functionTrims, logLevel: 'warning' });
