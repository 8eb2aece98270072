/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * 党员报到审核 (packageCommittee/pages/party-review) in miniprogram-simulate against the emulator
 * running the real `member` function on the seeded demo neighbourhood: residents who are party
 * members register; the committee sees how many of the 7 days are left, approves one into
 * 助老服务队 and turns another down with a reason.
 */
import { call } from '../helpers/app';
import { element, screen, settled } from './screen';
import { pageTestSetup } from './page-test';
import { COMMUNITY, modal, ok, openParty, rowIndex } from './committee-party-fixtures';

const phone = pageTestSetup();

const registration = (workUnit: string) => ({ workUnit, branch: `${workUnit}第一党支部`, contactName: '组织委员老沈', contactPhone: '13800009001', skills: ['助老'], serveTimes: ['周六上午'] });

describe('党员报到审核', () => {
  test('the committee approves a pending registration into 助老服务队: it leaves the queue and the member has the role and the team', async () => {
    const mine = await ok(phone.emulator, 'demo-resident-5', 'register', registration('新翔区税务局'));
    const team = await ok(phone.emulator, 'demo-committee', 'saveTeam', { communityId: COMMUNITY, name: '助老服务队' });
    const page = openParty(phone, 'party-review');
    expect(screen(page)).toContain('加载中');
    await settled();
    const text = screen(page);
    expect(text).toContain('新翔区税务局 · 新翔区税务局第一党支部');
    expect(text).toContain('还剩 7 天');
    expect(text).toContain('可服务时间：周六上午');

    const teams = page.data.teams as Array<{ id: string }>;
    element(page, '.party-review__team').dispatchEvent('change', { detail: { value: teams.findIndex((t) => t.id === team.id) } });
    await settled();
    expect(screen(page)).toContain('通过后编入：助老服务队');
    page.querySelectorAll('.party-review__approve')[rowIndex(page, mine.id)].dispatchEvent('tap');
    await settled();
    expect(screen(page)).toContain('已通过：');
    expect(screen(page)).toContain('编入 助老服务队');
    expect((page.data.rows as Array<{ id: string }>).map((r) => r.id)).not.toContain(mine.id);

    const me = await ok(phone.emulator, 'demo-resident-5', 'me', {});
    expect(me.registration).toMatchObject({ state: 'approved', teamName: '助老服务队' });
    const profile = await call(phone.emulator, 'demo-resident-5', 'user', 'me', {});
    expect(profile.data.roles).toContainEqual({ role: 'partyMember', communityId: COMMUNITY });
  });

  test('a registration past its 7 days says so first', async () => {
    const late = await ok(phone.emulator, 'demo-resident-6', 'register', registration('友邻小学'));
    await phone.emulator.db.update('member_registrations', { _id: late.id }, { $set: { reviewDueAt: new Date(Date.now() - 3600_000) } }, { multi: false, merge: true, upsert: false });
    const page = openParty(phone, 'party-review');
    await settled();
    const row = page.querySelectorAll('.party-review__row')[rowIndex(page, late.id)];
    expect(row.dom?.textContent).toContain('已超过 7 天，请尽快审核');
  });

  test('turning a registration down needs a reason, which the member then reads', async () => {
    const mine = await ok(phone.emulator, 'demo-resident-7', 'register', registration('某科技公司'));
    const toasts: string[] = [];
    const titles: string[] = [];
    const page = openParty(phone, 'party-review', 'demo-committee', {
      showModal: modal(
        [
          { confirm: true, content: '' },
          { confirm: true, content: '请补充所在党支部的全称' },
        ],
        titles,
      ),
      showToast: (o: { title: string }) => toasts.push(o.title),
    });
    await settled();
    const reject = () => page.querySelectorAll('.party-review__reject')[rowIndex(page, mine.id)].dispatchEvent('tap');
    reject();
    await settled();
    expect(toasts).toEqual(['请写明退回理由']);
    expect((await ok(phone.emulator, 'demo-resident-7', 'me', {})).registration).toMatchObject({ state: 'pending' });

    reject();
    await settled();
    expect(titles).toEqual(['退回理由', '退回理由']);
    expect(screen(page)).toContain('理由会告诉本人');
    expect((await ok(phone.emulator, 'demo-resident-7', 'me', {})).registration).toMatchObject({ state: 'rejected', reason: '请补充所在党支部的全称' });
  });

  test('someone who is not on the committee is told so in plain words', async () => {
    const page = openParty(phone, 'party-review', 'demo-resident-1');
    await settled();
    expect(screen(page)).toContain('只有居委会成员可以使用这个页面');
  });
});
