import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../helpers/emulator';

const run = promisify(execFile);
const FUNCTIONS = fs.readdirSync(path.join(ROOT, 'cloudfunctions')).filter((name) => fs.existsSync(path.join(ROOT, 'cloudfunctions', name, 'src', 'index.ts')));

/**
 * What CloudBase deploys is one file a function, its SDK inside and trimmed (scripts/build-trims.mjs):
 * a cold start parses one file instead of resolving hundreds of modules. Every other test runs these
 * same files, so what they pass is what is deployed.
 */
describe('the built functions', () => {
  it.each(FUNCTIONS)('%s needs nothing outside its index.js but Node itself, no module and no file', (name) => {
    const code = fs.readFileSync(path.join(ROOT, 'cloudfunctions', name, 'index.js'), 'utf8');
    const required = [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    const outside = required.filter((r) => !builtinModules.includes(r.replace(/^node:/, '')) && !r.startsWith('node:'));
    expect(outside).toEqual([]);
    // Nor a file beside it: the SDK's own package.json (its version) is written in at build time.
    expect(code).not.toMatch(/__dirname/);
  });

  it('a trimmed part of the SDK, once reached, fails naming itself instead of doing something else', async () => {
    const probe = `
      import { build } from 'esbuild';
      import { functionTrims, TRIMMED_FROM_FUNCTIONS } from './scripts/build-trims.mjs';
      const out = await build({
        stdin: { contents: "const jwt = require('jsonwebtoken'); const cloud = require('wx-server-sdk'); cloud.init(); try { jwt.sign({}, 'k'); } catch (e) { console.log(e.message); }", resolveDir: process.cwd() },
        bundle: true, platform: 'node', format: 'cjs', write: false, plugins: functionTrims, logLevel: 'silent',
      });
      console.log(TRIMMED_FROM_FUNCTIONS.join(','));
      new Function('require', out.outputFiles[0].text)(require);
    `;
    const wrapped = `import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);\n${probe}`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', wrapped], { cwd: ROOT });
    const [trimmed, message] = stdout.trim().split('\n');
    expect(trimmed.split(',')).toEqual(expect.arrayContaining(['@cloudbase/ai', 'jsonwebtoken']));
    expect(message).toBe('jsonwebtoken is trimmed from the function bundle (scripts/build-trims.mjs); a function reached it');
  }, 60_000);
});
