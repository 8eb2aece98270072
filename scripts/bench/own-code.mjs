// For `npm run bench -- cold-require`: each function bundled as it is deployed, but with wx-server-sdk
// replaced by an empty stand-in, so that requiring it times the function's own module-scope work
// (router, contract, schemas) apart from the SDK's. Usage: node scripts/bench/own-code.mjs <outdir> <fn>...
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { functionTrims } from '../build-trims.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const [outdir, ...names] = process.argv.slice(2);
const sdkStandIn = {
  name: 'sdk-stand-in',
  setup(b) {
    b.onResolve({ filter: /^wx-server-sdk$/ }, () => ({ path: 'wx-server-sdk', namespace: 'stand-in' }));
    b.onLoad({ filter: /.*/, namespace: 'stand-in' }, () => ({ contents: 'module.exports = { init() {}, DYNAMIC_CURRENT_ENV: Symbol("env") };', loader: 'js' }));
  },
};
for (const name of names) {
  await build({
    entryPoints: [path.join(root, 'cloudfunctions', name, 'src', 'index.ts')],
    outfile: path.join(outdir, `${name}.js`),
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    minifyWhitespace: true,
    minifySyntax: true,
    plugins: [...functionTrims, sdkStandIn],
    logLevel: 'error',
  });
}
