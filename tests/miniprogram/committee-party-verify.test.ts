/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * 核实党员服务 (packageCommittee/pages/party-verify) in miniprogram-simulate against the emulator
 * running the real `member` function on the seeded demo neighbourhood: a member claims a task and
 * submits a note and a photo; the committee sees it with the photo, verifies it (the hours reach the
 * ledger) or rejects it, which needs a reason and frees the place.
 */
import { screen, settled } from './screen';
import { pageTestSetup } from './page-test';
import { COMMUNITY, modal, ok, openParty, rowIndex } from './committee-party-fixtures';

const phone = pageTestSetup();
const MEMBER = 'demo-member-1';

/** The committee publishes a one-place task; the member claims it and submits a note and a photo. */
async function submitted(title: string): Promise<{ taskId: string; claimId: string }> {
  const claimBy = new Date(Date.now() + 3 * 86_400_000).toISOString();
  const task = await ok(phone.emulator, 'demo-committee', 'publishTask', { communityId: COMMUNITY, title, note: '', places: 1, hours: 2, claimBy });
  const claim = await ok(phone.emulator, MEMBER, 'claim', { taskId: task.id });
  await ok(phone.emulator, MEMBER, 'submitProof', { claimId: claim.id, note: '已按要求完成', photo: 'cloud://demo.bucket/member/proof.jpg' });
  return { taskId: task.id, claimId: claim.id };
}

describe('核实党员服务', () => {
  test('rejecting proof needs a reason; with one the member reads it, nothing is credited and the place is free again', async () => {
    const { taskId, claimId } = await submitted('清理2号楼楼道');
    expect((await ok(phone.emulator, 'demo-committee', 'task', { taskId })).placesLeft).toBe(0);
    const toasts: string[] = [];
    const page = openParty(phone, 'party-verify', 'demo-committee', {
      showModal: modal([
        { confirm: true, content: '' },
        { confirm: true, content: '照片看不出是2号楼，请补拍' },
      ]),
      showToast: (o: { title: string }) => toasts.push(o.title),
    });
    await settled();
    const text = screen(page);
    expect(text).toContain('清理2号楼楼道');
    expect(text).toContain('党员小陆（新翔区税务局）');
    expect(text).toContain('服务记录：已按要求完成');
    const row = (page.data.rows as Array<{ id: string; photo: string }>)[rowIndex(page, claimId)];
    expect(row.photo).toContain(encodeURIComponent('cloud://demo.bucket/member/proof.jpg'));

    const reject = () => page.querySelectorAll('.party-verify__reject')[rowIndex(page, claimId)].dispatchEvent('tap');
    reject();
    await settled();
    expect(toasts).toEqual(['请写明退回理由']);
    expect((await ok(phone.emulator, 'demo-committee', 'task', { taskId })).placesLeft).toBe(0);

    reject();
    await settled();
    expect(screen(page)).toContain('已退回“清理2号楼楼道”，名额已空出');
    expect((page.data.rows as Array<{ id: string }>).map((r) => r.id)).not.toContain(claimId);
    const mine = await ok(phone.emulator, MEMBER, 'mine', {});
    expect(mine.items.find((c: { id: string }) => c.id === claimId)).toMatchObject({ state: 'rejected', reason: '照片看不出是2号楼，请补拍', hours: null });
    expect((await ok(phone.emulator, 'demo-committee', 'task', { taskId })).placesLeft).toBe(1);
    expect(phone.emulator.db.find('hours_ledger', { _id: `member-${claimId}` })).toHaveLength(0);
  });

  test('verifying credits the hours once and the row leaves the queue', async () => {
    const { claimId } = await submitted('给独居老人送餐');
    const page = openParty(phone, 'party-verify');
    await settled();
    page.querySelectorAll('.party-verify__verify')[rowIndex(page, claimId)].dispatchEvent('tap');
    await settled();
    expect(screen(page)).toMatch(/已核实“给独居老人送餐”，计入 2 小时、\d+ 积分/);
    expect((page.data.rows as Array<{ id: string }>).map((r) => r.id)).not.toContain(claimId);
    expect(phone.emulator.db.find('hours_ledger', { _id: `member-${claimId}` })).toMatchObject([{ openid: MEMBER, hours: 2 }]);
  });

  test('with nothing waiting the committee is told so', async () => {
    const page = openParty(phone, 'party-verify');
    await settled();
    expect(screen(page)).toContain('没有待核实的服务');
  });
});
