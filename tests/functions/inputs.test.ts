import { Emulator } from '../../emulator/app';
import { startApp } from '../helpers/app';
import { COMMUNITY, everything } from './neighbourhood';

/**
 * Every input is checked at the function boundary: a malformed call is refused with a message a
 * resident can read (Chinese, no validator jargon), and nothing is written, not even the caller's
 * user document on their first call.
 */

const STRANGER = 'o-first-time-caller';
const COMMITTEE = 'demo-committee';
const CHINESE = /[\u4e00-\u9fa5]/;
const JARGON = /Invalid|expected|received|undefined|object Object|\$ne|\$gt|zod/i;

interface Case {
  story: string;
  fn?: 'user' | 'community';
  /** The whole event, for cases about the event itself; otherwise `action` and `data`. */
  event?: unknown;
  action?: string;
  data?: unknown;
  as?: string | null;
  code?: 'INVALID_ARGUMENT' | 'UNAUTHENTICATED';
  /** Part of the message the user reads, when it matters which field is named. */
  says?: RegExp;
}

const long = (n: number) => '楼'.repeat(n);

const CASES: Case[] = [
  // Wrong types.
  { story: 'a building id that is a number', action: 'requestBinding', data: { buildingId: 42, room: '101' }, says: /楼组格式不正确/ },
  { story: 'elder mode as the text "yes"', action: 'updateProfile', data: { elderMode: 'yes' }, says: /长辈模式/ },
  { story: 'a page size given as text', action: 'listMembers', data: { communityId: COMMUNITY, limit: '20' }, as: COMMITTEE },
  { story: 'a decision that is neither approve nor reject', action: 'reviewBinding', data: { bindingId: 'demo-binding-1', decision: 'maybe' }, as: COMMITTEE },
  { story: 'a unit kind that does not exist', fn: 'community', action: 'createUnit', data: { kind: 'country', name: '中国', parentId: 'demo-street' }, as: 'demo-admin' },
  { story: 'data that is a string instead of an object', action: 'updateProfile', data: 'displayName=小王' },
  { story: 'data that is a list instead of an object', action: 'requestBinding', data: [{ buildingId: 'demo-building-1', room: '101' }] },

  // Query operators where a plain value belongs: never reach a database query.
  { story: 'a building id that is {"$ne": null}', action: 'requestBinding', data: { buildingId: { $ne: null }, room: '101' }, says: /楼组格式不正确/ },
  { story: 'a room that is {"$gt": ""}', action: 'requestBinding', data: { buildingId: 'demo-building-1', room: { $gt: '' } }, says: /房号/ },
  { story: 'a binding id that is {"$ne": null}', action: 'reviewBinding', data: { bindingId: { $ne: null }, decision: 'approve' }, as: COMMITTEE },
  { story: 'a target openid that is {"$gt": ""}', action: 'assignRole', data: { openid: { $gt: '' }, role: { role: 'volunteer', communityId: COMMUNITY } }, as: COMMITTEE },
  { story: 'a community id that is {"$ne": null} in a member listing', action: 'listMembers', data: { communityId: { $ne: null } }, as: COMMITTEE },
  { story: 'a grid filter that is {"$gt": ""}', action: 'listMembers', data: { communityId: COMMUNITY, gridId: { $gt: '' } }, as: COMMITTEE },
  { story: 'a unit id that is {"$ne": null}', fn: 'community', action: 'archiveUnit', data: { unitId: { $ne: null } }, as: COMMITTEE },

  // Unknown fields: nobody grants themselves roles or a building through their profile.
  { story: 'a profile update that sets its own roles', action: 'updateProfile', data: { displayName: '小王', roles: [{ role: 'admin' }] }, says: /不认识的字段：roles/ },
  { story: 'a profile update that sets its own building', action: 'updateProfile', data: { buildingId: 'demo-building-1' }, says: /buildingId/ },
  { story: 'a binding request that names another user', action: 'requestBinding', data: { buildingId: 'demo-building-1', room: '101', openid: 'demo-resident-1' }, says: /openid/ },
  {
    story: 'a role with a field its kind does not have',
    action: 'assignRole',
    data: { openid: 'demo-resident-2', role: { role: 'volunteer', communityId: COMMUNITY, gridId: 'demo-grid-1' } },
    as: COMMITTEE,
  },
  {
    story: 'a new unit that picks its own community',
    fn: 'community',
    action: 'createUnit',
    data: { kind: 'grid', name: '第9微网格', parentId: COMMUNITY, communityId: 'other' },
    as: COMMITTEE,
    says: /communityId/,
  },

  // Oversize strings.
  { story: 'a 5,000-character nickname', action: 'updateProfile', data: { displayName: long(5000) }, says: /昵称不能超过 20 个字/ },
  { story: 'an 11-character room number', action: 'requestBinding', data: { buildingId: 'demo-building-1', room: '12345678901' }, says: /房号/ },
  { story: 'a 101-character rejection reason', action: 'reviewBinding', data: { bindingId: 'demo-binding-1', decision: 'reject', reason: long(101) }, as: COMMITTEE, says: /理由/ },
  { story: 'a 41-character unit name', fn: 'community', action: 'renameUnit', data: { unitId: 'demo-building-1', name: long(41) }, as: COMMITTEE, says: /名称/ },
  { story: 'a 201-character page cursor', action: 'pendingBindings', data: { communityId: COMMUNITY, cursor: 'a'.repeat(201) }, as: COMMITTEE },
  { story: 'a nickname of only spaces', action: 'updateProfile', data: { displayName: '   ' }, says: /昵称不能少于 1 个字/ },

  // Bad ids and values.
  { story: 'a building id with spaces', action: 'requestBinding', data: { buildingId: 'demo building 1', room: '101' }, says: /ID 格式不正确/ },
  { story: 'a 65-character building id', action: 'requestBinding', data: { buildingId: 'b'.repeat(65), room: '101' }, says: /ID 格式不正确/ },
  { story: 'a binding id with a path in it', action: 'reviewBinding', data: { bindingId: '../demo-binding-1', decision: 'approve' }, as: COMMITTEE },
  { story: 'a page cursor that was never issued', action: 'listMembers', data: { communityId: COMMUNITY, cursor: 'not a cursor!' }, as: COMMITTEE, says: /翻页/ },
  { story: 'a page size of 21', action: 'listMembers', data: { communityId: COMMUNITY, limit: 21 }, as: COMMITTEE },
  { story: 'a page size of 0', action: 'pendingBindings', data: { communityId: COMMUNITY, limit: 0 }, as: COMMITTEE },
  { story: 'a phone number starting with 12', action: 'updateProfile', data: { phone: '12800001234', acceptPrivacy: '2026-11' }, says: /手机号/ },
  { story: 'a birth year of 1850', action: 'updateProfile', data: { birthYear: 1850, acceptPrivacy: '2026-11' } },
  {
    story: 'a location off the globe',
    fn: 'community',
    action: 'createUnit',
    data: { kind: 'building', name: '9号楼', parentId: 'demo-grid-1', location: { type: 'Point', coordinates: [200, 31] } },
    as: COMMITTEE,
  },
  { story: 'an idempotency key with operators in it', event: { action: 'updateProfile', data: { displayName: '小王' }, idempotencyKey: '$where:1' }, says: /请求标识/ },

  // Missing required fields.
  { story: 'a binding request without a room', action: 'requestBinding', data: { buildingId: 'demo-building-1' }, says: /房号/ },
  { story: 'a review without a decision', action: 'reviewBinding', data: { bindingId: 'demo-binding-1' }, as: COMMITTEE },
  { story: 'a rejection without a reason', action: 'reviewBinding', data: { bindingId: 'demo-binding-1', decision: 'reject' }, as: COMMITTEE, says: /拒绝时请写明理由/ },
  { story: 'a role change without the role', action: 'assignRole', data: { openid: 'demo-resident-2' }, as: COMMITTEE },
  { story: 'a profile update with nothing in it', action: 'updateProfile', data: {}, says: /没有要修改的内容/ },
  { story: 'a member listing without a community', action: 'listMembers', data: {}, as: COMMITTEE },

  // The event itself.
  { story: 'an event without an action', event: { data: {} } },
  { story: 'an event whose action is a number', event: { action: 7, data: {} } },
  { story: 'an unknown action', action: 'dropDatabase', data: {}, says: /未知操作：dropDatabase/ },
  { story: 'an action named after an object property ("constructor")', action: 'constructor', data: {}, says: /未知操作/ },
  { story: 'an action named "__proto__"', action: '__proto__', data: {}, says: /未知操作/ },
  { story: 'a call from outside WeChat (no openid)', action: 'updateProfile', data: { displayName: '小王' }, as: null, code: 'UNAUTHENTICATED' },
  { story: 'a committee action from outside WeChat', fn: 'community', action: 'createUnit', data: { kind: 'grid', name: '第9微网格', parentId: COMMUNITY }, as: null, code: 'UNAUTHENTICATED' },
];

async function send(emulator: Emulator, c: Case): Promise<{ status: number; body: any }> {
  const caller = c.as === undefined ? STRANGER : c.as;
  const event = c.event ?? { action: c.action, data: c.data };
  const res = await fetch(`${emulator.url}/functions/${c.fn ?? 'user'}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(caller ? { 'x-openid': caller } : {}) },
    body: JSON.stringify(event),
  });
  return { status: res.status, body: await res.json() };
}

describe('malformed calls are refused with a readable message and change nothing', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startApp();
  });
  afterAll(() => emulator.close());

  it.each(CASES)('$story is refused', async (c) => {
    const before = everything(emulator);
    const { status, body } = await send(emulator, c);
    expect(status).toBe(200);
    expect(body).toEqual({ ok: false, error: { code: c.code ?? 'INVALID_ARGUMENT', message: expect.stringMatching(CHINESE) } });
    expect(body.error.message).not.toMatch(JARGON);
    expect(body.error.message.length).toBeLessThan(60);
    if (c.says) expect(body.error.message).toMatch(c.says);
    expect(everything(emulator)).toEqual(before);
  });

  it("a first-time caller's malformed calls do not even create their user", () => {
    expect(emulator.db.count('users', { _id: STRANGER })).toBe(0);
  });

  it('the seeded request the committee was sent bad reviews of is still pending', () => {
    expect(emulator.db.find('bindings', { _id: 'demo-binding-1' })[0]).toMatchObject({ status: 'pending', reason: null, reviewedBy: null });
  });

  it('the same first-time caller with valid input is served (so the refusals above were about the input)', async () => {
    const { body } = await send(emulator, { story: '', action: 'updateProfile', data: { displayName: '小王' } });
    expect(body).toMatchObject({ ok: true, data: { openid: STRANGER, displayName: '小王', status: 'visitor' } });
  });
});
