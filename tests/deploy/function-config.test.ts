import fs from 'node:fs';
import path from 'node:path';
import { readStorageRule } from '../../deploy/desired';
import { computePlan } from '../../deploy/plan';
import { codeHash, readCodeFiles, readFunctionSettings } from '../../emulator/function-settings';
import { FunctionHost } from '../../emulator/host/function-host';
import { startApp } from '../helpers/app';
import { ROOT, tempDir } from '../helpers/emulator';

const functionNames = fs.readdirSync(path.join(ROOT, 'cloudfunctions')).filter((n) => fs.existsSync(path.join(ROOT, 'cloudfunctions', n, 'src', 'index.ts')));

describe('what a function runs with', () => {
  // WeChat's upload of a function reads permissions and triggers from config.json and nothing else
  // (timeout, memory and environment variables are set at deploy; the platform's default timeout is 3 s).
  it.each(functionNames)('cloudfunctions/%s/config.json carries only permissions and triggers', (name) => {
    const config = JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudfunctions', name, 'config.json'), 'utf8'));
    expect(Object.keys(config).filter((k) => k !== 'permissions' && k !== 'triggers')).toEqual([]);
  });

  it('deploy/functions.json gives every function its runtime, timeout and memory, and holds no secret value', () => {
    const settings = readFunctionSettings();
    expect(Object.keys(settings.functions).sort()).toEqual([...functionNames].sort());
    const raw = fs.readFileSync(path.join(ROOT, 'deploy', 'functions.json'), 'utf8');
    for (const fn of Object.values(settings.functions)) for (const secret of fn.secrets) expect(raw).not.toMatch(new RegExp(`"${secret}"\\s*:`));
  });

  it('the emulator runs each function with the timeout and memory that are deployed', async () => {
    const app = await startApp({ seed: false });
    try {
      const settings = readFunctionSettings().functions;
      for (const fn of app.host.describe())
        expect({ timeout: fn.timeout, memorySize: fn.memorySize, runtime: fn.runtime }).toEqual({
          timeout: settings[fn.name].timeout,
          memorySize: settings[fn.name].memorySize,
          runtime: settings[fn.name].runtime,
        });
    } finally {
      await app.close();
    }
  });

  it('the emulator reports the fingerprint of the code it loaded, and none once that code has changed', () => {
    const dir = tempDir('youlin-code-hash-');
    try {
      for (const name of ['kept', 'rebuilt']) {
        fs.mkdirSync(path.join(dir, name, 'lazy'), { recursive: true });
        fs.writeFileSync(path.join(dir, name, 'index.js'), `exports.main = async () => '${name}';`);
        fs.writeFileSync(path.join(dir, name, 'lazy', 'part.js'), 'module.exports = 1;');
      }
      const loaded = codeHash(readCodeFiles(path.join(dir, 'kept')));
      const host = new FunctionHost({ functionsDir: dir, envId: 'e', appid: 'wx0' });
      host.load();
      fs.appendFileSync(path.join(dir, 'rebuilt', 'lazy', 'part.js'), '// rebuilt\n');
      const hashes = Object.fromEntries(host.describe().map((fn) => [fn.name, fn.codeHash]));
      expect(hashes).toEqual({ kept: loaded, rebuilt: '' });
      expect(host.currentRelease('kept').codeHash).toBe(loaded);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the emulator refuses a config.json that sets what the upload would silently drop', () => {
    const dir = tempDir('youlin-config-');
    try {
      fs.mkdirSync(path.join(dir, 'legacy'));
      fs.writeFileSync(path.join(dir, 'legacy', 'index.js'), 'exports.main = async () => 1;');
      fs.writeFileSync(path.join(dir, 'legacy', 'config.json'), JSON.stringify({ permissions: { openapi: [] }, timeout: 20, envVariables: { A: 'b' } }));
      const host = new FunctionHost({ functionsDir: dir, envId: 'e', appid: 'wx0' });
      expect(() => host.load()).toThrow('cloudfunctions/legacy/config.json: timeout, envVariables 不会随上传生效（微信只读取 permissions 和 triggers），请写在部署配置 deploy/functions.json 中');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the storage rule', () => {
  it('is planned only when storage.rules.json exists, as a simple permission or a custom rule', () => {
    const dir = tempDir('youlin-storage-rule-');
    try {
      expect(readStorageRule(dir)).toBeNull();
      fs.writeFileSync(path.join(dir, 'storage.rules.json'), JSON.stringify({ read: 'resource.openid == auth.openid', write: false }));
      const rule = readStorageRule(dir)!;
      expect(rule).toEqual({ acl: 'CUSTOM', rule: { read: 'resource.openid == auth.openid', write: false } });
      const plan = computePlan({ functions: [], collections: [], storage: rule, notes: [] }, { functions: [], collections: [], storage: { acl: 'READONLY' } });
      expect(plan).toEqual([
        { resource: 'storage rule', action: 'change', details: ['READONLY → CUSTOM {"read":"resource.openid == auth.openid","write":false}'], operations: [{ kind: 'storage.set', rule }] },
      ]);
      fs.writeFileSync(path.join(dir, 'storage.rules.json'), JSON.stringify({ acl: 'PRIVATE' }));
      expect(computePlan({ functions: [], collections: [], storage: readStorageRule(dir), notes: [] }, { functions: [], collections: [], storage: { acl: 'PRIVATE' } })[0].action).toBe('leave');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
