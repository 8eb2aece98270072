import { build } from 'esbuild';
import { functionTrims } from '../scripts/build-trims.mjs';
const stub = { name: 'stub-sdk', setup(b) { b.onResolve({ filter: /^wx-server-sdk$/ }, () => ({ path: 'sdk', namespace: 'stub' })); b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'module.exports = { init() {}, getWXContext() { return {}; }, database() { return {}; }, DYNAMIC_CURRENT_ENV: 0 };', loader: 'js' })); } };
for (const fn of process.argv.slice(2)) await build({ entryPoints: [`/work/wt/cold/cloudfunctions/${fn}/src/index.ts`], outfile: `/tmp/prof/ownu-${fn}.js`, bundle: true, platform: 'node', target: 'node16', format: 'cjs', plugins: [...functionTrims, stub], logLevel: 'error' });
