import { Emulator } from '../../emulator/app';
import { call, startApp } from '../helpers/app';
import { HOUR, addMembers, ago, claimsIn, fromNow, insertClaim, insertTask, ledger, taskIn } from './member-fixtures';
import { COMMUNITY, everything, okCall } from './neighbourhood';

/**
 * A party member, who is also a resident with a wish, deletes their account (PIPL art. 47): their
 * export first shows what the member side holds about them; afterwards the registration naming their
 * work unit and its contact is gone, the shift they had taken is free again, the service they gave
 * still counts for the community, and nothing of them is left in any collection.
 */

const WORK_UNIT = '友邻小学';
const CONTACT_PHONE = '13900007777';

describe('a party member deletes their account', () => {
  let emulator: Emulator;
  let leaver: string;
  let neighbour: string;
  let shift: any;
  let liveClaimId: string;
  let verifiedClaimId: string;
  let wishId: string;
  let exported: any;

  beforeAll(async () => {
    emulator = await startApp();
    [leaver, neighbour] = await addMembers(emulator, 'leaving-member', 2);
    await emulator.db.update('member_registrations', { openid: leaver }, { $set: { contactPhone: CONTACT_PHONE } }, { multi: false, merge: true, upsert: false });
    // A verified service last week, a shift next week they have taken, a swap asked of them.
    const past = await insertTask(emulator, { places: 3, placesLeft: 2, startAt: ago(200 * HOUR), endAt: ago(198 * HOUR) });
    const done = await insertClaim(emulator, past, leaver, { note: '陪王阿姨去医院配药', photo: 'cloud://demo.bucket/proof.jpg' });
    verifiedClaimId = done._id;
    expect(await okCall(emulator, 'demo-committee', 'member', 'verify', { claimId: verifiedClaimId })).toMatchObject({ state: 'verified' });
    shift = await insertTask(emulator, { kind: 'shift', places: 2, placesLeft: 2, startAt: fromNow(150 * HOUR), endAt: fromNow(152 * HOUR), claimBy: fromNow(149 * HOUR) });
    liveClaimId = (await okCall(emulator, leaver, 'member', 'claim', { taskId: shift._id })).id;
    expect(taskIn(emulator, shift._id).placesLeft).toBe(1);
    // A second shift they handed over to their neighbour.
    const handed = await insertTask(emulator, { kind: 'shift', places: 1, placesLeft: 1, startAt: fromNow(170 * HOUR), endAt: fromNow(172 * HOUR), claimBy: fromNow(169 * HOUR) });
    const swap = await okCall(emulator, leaver, 'member', 'claim', { taskId: handed._id });
    await okCall(emulator, leaver, 'member', 'askSwap', { claimId: swap.id, toOpenid: neighbour });
    expect(await okCall(emulator, neighbour, 'member', 'acceptSwap', { claimId: swap.id })).toMatchObject({ state: 'claimed' });
    // Their own wish, not yet vetted.
    wishId = (await okCall(emulator, leaver, 'member', 'postWish', { title: '想请人帮忙换个灯泡', note: '梯子够不着' })).id;

    exported = await okCall(emulator, leaver, 'user', 'exportMine', {});
    expect(await call(emulator, leaver, 'user', 'deleteAccount', { confirm: true, posts: 'anonymise' })).toMatchObject({ ok: true });
    // The user function's timer erases the account a few minutes after the request (account-deletion.test.ts): the clock is moved, not waited for.
    emulator.host.clock.set(new Date(emulator.host.clock.now().getTime() + 8 * 60_000));
    expect(await emulator.host.fireTimer('user', 'jobs')).toMatchObject({ ok: true });
  }, 60_000);
  afterAll(() => {
    emulator.host.clock.set(null);
    return emulator.close();
  });

  it('the export showed their registration, both claims and their wish under one heading', () => {
    const section = exported.sections.find((s: any) => s.key === 'members');
    expect(section.title).toBe('党员报到、服务与微心愿');
    const lines = section.items.map((i: any) => i.summary);
    expect(lines).toEqual(expect.arrayContaining([`报到 · ${WORK_UNIT} · 已报到`, expect.stringMatching(/^微心愿 · 想请人帮忙换个灯泡/)]));
    expect(section.items.map((i: any) => i.id)).toEqual(expect.arrayContaining([verifiedClaimId, liveClaimId, wishId]));
  });

  it('the registration naming their work unit and its contact is gone', () => {
    expect(emulator.db.find('member_registrations', { communityId: COMMUNITY, workUnit: WORK_UNIT, displayName: '党员1' })).toEqual([]);
  });

  it('the shift they had taken is free again for another member', async () => {
    expect(claimsIn(emulator, { _id: liveClaimId })[0]).toMatchObject({ state: 'cancelled', liveKey: `dead|${liveClaimId}` });
    expect(taskIn(emulator, shift._id).placesLeft).toBe(2);
    expect(await okCall(emulator, neighbour, 'member', 'claim', { taskId: shift._id })).toMatchObject({ state: 'claimed' });
  });

  it('the service they gave still counts for the community, without its note and photo', () => {
    const [claim] = claimsIn(emulator, { _id: verifiedClaimId });
    expect(claim).toMatchObject({ state: 'verified', hours: 2, note: null, photo: null, openid: expect.stringMatching(/^deleted-/) });
    expect(ledger(emulator, { signupId: `member-${verifiedClaimId}` })).toMatchObject([{ hours: 2, openid: claim.openid }]);
  });

  it('their wish is withdrawn and no longer says who or where they are', () => {
    const wish = taskIn(emulator, wishId);
    expect(wish).toMatchObject({ state: 'rejected', reason: '居民已注销账号', wisher: { displayName: '已注销用户', room: null, buildingId: null } });
  });

  it('leaves nothing of theirs in any collection: not their openid, nor their work unit contact’s phone', () => {
    const traces = [leaver, CONTACT_PHONE].map((t) => new RegExp(`(?<![0-9A-Za-z_-])${t}(?![0-9A-Za-z_-])`));
    const found = Object.entries(everything(emulator)).flatMap(([collection, docs]) =>
      docs.flatMap((doc) => traces.filter((t) => t.test(JSON.stringify(doc))).map((t) => `${collection}/${String(doc._id)}: ${t.source}`)),
    );
    expect(found).toEqual([]);
  });
});
