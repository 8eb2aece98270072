import fs from 'node:fs';
import path from 'node:path';
import { StorageRules, readStorageRules } from '../../emulator/storage/rules';
import { ROOT, startTestEmulator } from '../helpers/emulator';

/**
 * CloudBase storage security rules: one JSON for the bucket, `read` and `write` each a boolean or an
 * expression over `auth` (the client: openid, or null) and `resource` (the file: openid of its creator,
 * path), with regular expressions tested by `/re/.test(x) == true` (docs.cloudbase.net/storage/security-rules
 * and .../secure_resource). They bind clients only: functions (the admin side) read and write everything.
 * storage.rules.json is what the deploy applies; the emulator enforces the same file on its client paths.
 */
describe('the project’s storage rule', () => {
  const rules = readStorageRules(path.join(ROOT, 'storage.rules.json'));
  const resident = { openid: 'o-resident' };

  it('keeps everything under private/ (roster exports with phones) from every client, its creator included', () => {
    expect(rules.allows('read', resident, { path: 'private/rosters/act-1/2026-12-05-x.csv', openid: 'o-resident' })).toBe(false);
    expect(rules.allows('write', resident, { path: 'private/rosters/act-1/new.csv', openid: 'o-resident' })).toBe(false);
    expect(rules.allows('read', null, { path: 'private/rosters/act-1/2026-12-05-x.csv', openid: '' })).toBe(false);
  });

  it('lets residents read the pictures of the circle and write only files they create, when signed in', () => {
    expect(rules.allows('read', resident, { path: 'posts/o-other/p1.jpg', openid: 'o-other' })).toBe(true);
    expect(rules.allows('write', resident, { path: 'posts/o-resident/p2.jpg', openid: 'o-resident' })).toBe(true);
    expect(rules.allows('write', resident, { path: 'posts/o-other/p1.jpg', openid: 'o-other' })).toBe(false);
    expect(rules.allows('write', null, { path: 'posts/x.jpg', openid: '' })).toBe(false);
  });
});

describe('the rule language the emulator understands', () => {
  const rule = (read: unknown) => new StorageRules({ read, write: false });
  it('booleans, ==, !=, &&, ||, !, parentheses, null and regular expressions', () => {
    const me = { openid: 'o1' };
    const mine = { path: 'a/b.jpg', openid: 'o1' };
    expect(rule(true).allows('read', null, mine)).toBe(true);
    expect(rule('auth != null').allows('read', null, mine)).toBe(false);
    expect(rule('auth != null && resource.openid == auth.openid').allows('read', me, mine)).toBe(true);
    expect(rule('!(resource.openid == auth.openid) || false').allows('read', me, mine)).toBe(false);
    expect(rule('/^a\\//.test(resource.path) == true').allows('read', me, mine)).toBe(true);
    expect(rule("resource.path == 'a/b.jpg'").allows('read', me, mine)).toBe(true);
    expect(new StorageRules({}).allows('read', me, mine)).toBe(false); // read and write default to false
  });

  it('refuses a rule it cannot read, at load', () => {
    expect(() => rule('auth.openid ==')).toThrow(/storage rule/);
    expect(() => rule('process.exit()')).toThrow(/storage rule/);
    const file = path.join(fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'youlin-rules-')), 'storage.rules.json');
    fs.writeFileSync(file, JSON.stringify({ read: true, write: false, list: true }));
    expect(() => readStorageRules(file)).toThrow(/list/);
  });
});

describe('the emulator’s client file route obeys the rule', () => {
  it('a client cannot fetch a private file by its fileID, even signed in; a public picture it can', async () => {
    const emulator = await startTestEmulator({ storageRules: readStorageRules(path.join(ROOT, 'storage.rules.json')) });
    try {
      const secret = await emulator.storage.store('private/rosters/act-1/roster.csv', Buffer.from('姓名,手机号\n王,13800000001\n'));
      const picture = await emulator.storage.store('posts/o-1/p.jpg', Buffer.from([0xff, 0xd8, 0xff]));
      const get = (id: string) => fetch(`${emulator.url}/emulator/file?id=${encodeURIComponent(id)}`, { headers: { 'x-openid': 'o-1' } });
      const refused = await get(secret);
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain('AccessDenied');
      expect((await get(picture)).status).toBe(200);
    } finally {
      await emulator.close();
    }
  });
});
