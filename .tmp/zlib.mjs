import { build } from 'esbuild';
import { functionTrims } from '../scripts/build-trims.mjs';
await build({ stdin: { contents: "import { z } from 'zod/mini'; export const s = z.object({ a: z.string() }); console.log(typeof s.parse)", resolveDir: '/work/wt/cold', loader: 'ts', sourcefile: '/work/wt/cold/domain/x.ts' }, outfile: `/tmp/prof/zlib.js`, bundle: true, platform: 'node', target: 'node16', format: 'cjs', minify: true, keepNames: true, plugins: functionTrims, logLevel: 'error' });
