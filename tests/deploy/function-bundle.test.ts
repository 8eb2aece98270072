import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { readCodeFiles } from '../../emulator/function-settings';
import { ROOT } from '../helpers/emulator';

const run = promisify(execFile);
const FUNCTIONS = fs.readdirSync(path.join(ROOT, 'cloudfunctions')).filter((name) => fs.existsSync(path.join(ROOT, 'cloudfunctions', name, 'src', 'index.ts')));

/**
 * What CloudBase deploys is one file a function, its SDK inside and trimmed (scripts/build-trims.mjs),
 * with the few SDK parts only some calls need beside it, loaded on first use: a cold start parses one
 * file instead of resolving hundreds of modules. Every other test runs these same files, so what
 * they pass is what is deployed.
 */
describe('the built functions', () => {
  const builtinOnly = (code: string) =>
    [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]).filter((r) => !builtinModules.includes(r.replace(/^node:/, '')) && !r.startsWith('node:'));

  it.each(FUNCTIONS)('%s needs nothing outside its folder but Node itself: index.js and the parts it loads on first use', (name) => {
    const folder = path.join(ROOT, 'cloudfunctions', name);
    const code = fs.readFileSync(path.join(folder, 'index.js'), 'utf8');
    expect(builtinOnly(code)).toEqual([]);
    // The one file it reaches beside itself is a lazily loaded part, deployed with it (readCodeFiles).
    const beside = [...code.matchAll(/__dirname\s*,\s*"([^"]+)"\s*,\s*"([^"]+)"/g)].map((m) => `${m[1]}/${m[2]}`);
    expect(beside.sort()).toEqual(['lazy/axios.js', 'lazy/mime-db.js', 'lazy/xml2js.js']);
    expect(code.match(/__dirname/g)).toHaveLength(beside.length);
    // Nothing for the cloud to install: the SDK is inside (a dependency would only slow each deploy).
    expect(JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')).dependencies).toBeUndefined();
    for (const file of beside) {
      expect(Object.keys(readCodeFiles(folder))).toContain(file);
      expect(builtinOnly(fs.readFileSync(path.join(folder, file), 'utf8'))).toEqual([]);
    }
  });

  it('a cold start loads none of the lazy parts; each loads on its own and is what the SDK expects', async () => {
    const probe = `
      const folder = ${JSON.stringify(path.join(ROOT, 'cloudfunctions', 'circle'))};
      require(folder + '/index.js');
      const early = Object.keys(require.cache).filter((f) => f.includes('/lazy/'));
      const axios = require(folder + '/lazy/axios.js');
      const xml2js = require(folder + '/lazy/xml2js.js');
      const mime = require(folder + '/lazy/mime-db.js');
      console.log(JSON.stringify({ early, axios: typeof axios.get, xml: typeof xml2js.parseString, png: mime['image/png'].extensions }));
    `;
    const env = { ...process.env, TENCENTCLOUD_SECRETID: 'x', TENCENTCLOUD_SECRETKEY: 'x', SCF_NAMESPACE: 'test' };
    const { stdout } = await run(process.execPath, ['-e', probe], { cwd: ROOT, env });
    expect(JSON.parse(stdout.trim().split('\n').pop() ?? '')).toEqual({ early: [], axios: 'function', xml: 'function', png: ['png'] });
  }, 60_000);

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
