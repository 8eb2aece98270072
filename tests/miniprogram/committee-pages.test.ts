/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * The committee subpackage (packageCommittee) in miniprogram-simulate, in local mode against the
 * emulator running the real functions on the seeded demo neighbourhood: the 居委会工作台 entry on
 * 我的 (committee only), the review queue driven by taps, the community's activity list, and the
 * live check-in QR that a volunteer's scan accepts and that refreshes itself.
 */
import { qrDrawCommands, qrMatrix } from '../../miniprogram/utils/qr/qr';
import { call } from '../helpers/app';
import { activityFields } from '../functions/activity-fixtures';
import { insertActivity, insertSignup } from '../functions/attendance-fixtures';
import { SimPage, simulate } from './simulate';
import { settled, screen } from './screen';
import { pageTestSetup } from './page-test';

const phone = pageTestSetup();

const signup = (id: string) => phone.emulator.db.find('signups', { _id: id })[0] as any;

/** An activity that needs the committee's approval, with two residents waiting. */
async function activityWithTwoPending(title: string): Promise<{ activityId: string; first: string; second: string }> {
  const created = await call(phone.emulator, 'demo-committee', 'activity', 'create', {
    communityId: 'demo-community',
    fields: activityFields({ title, approval: 'committee', capacity: 10 }),
  });
  expect(created).toMatchObject({ ok: true });
  const activityId = created.data.id;
  const a = await call(phone.emulator, 'demo-resident-1', 'activity', 'signup', { activityId, answers: {} });
  const b = await call(phone.emulator, 'demo-resident-2', 'activity', 'signup', { activityId, answers: {} });
  expect([a.data.status, b.data.status]).toEqual(['pending', 'pending']);
  return { activityId, first: a.data.id, second: b.data.id };
}

function buttonFor(page: SimPage, selector: string, signupId: string) {
  const index = (page.data.rows as Array<{ id: string }>).findIndex((r) => r.id === signupId);
  expect(index).toBeGreaterThanOrEqual(0);
  return page.querySelectorAll(selector)[index];
}

describe('我的: the 居委会工作台 entry', () => {
  test('a resident does not see it', async () => {
    const page = phone.open('pages/me/me', 'demo-resident-1');
    await settled();
    expect(screen(page)).toContain('1号楼');
    expect(page.querySelector('.me__link--workbench')).toBeUndefined();
    expect(screen(page)).not.toContain('居委会工作台');
  });

  test('the committee sees it, linking to the workbench of the committee subpackage', async () => {
    const page = phone.open('pages/me/me', 'demo-committee');
    await settled();
    expect(screen(page)).toContain('居委会工作台');
    expect(page.querySelector('.me__link--workbench')!.dom!.innerHTML).toBe('居委会工作台');
    expect(page.data.links).toContainEqual(expect.objectContaining({ text: '居委会工作台', url: '/packageCommittee/pages/workbench/workbench' }));
  });

  test('the workbench links to the community activities page', () => {
    const page = phone.open('packageCommittee/pages/workbench/workbench', 'demo-committee');
    expect(screen(page)).toContain('社区活动');
    expect(page.data.entries.find((e: { title: string }) => e.title === '社区活动')?.url).toBe('/packageCommittee/pages/activities/activities');
  });
});

describe('报名审核', () => {
  test('通过 confirms one signup and takes it out of the queue; 拒绝 asks for a reason', async () => {
    const { activityId, first, second } = await activityWithTwoPending('楼道微更新议事会');
    const reasons: unknown[] = [];
    const showModal = (options: any) => {
      reasons.push(options.editable);
      options.success({ confirm: true, cancel: false, content: '本次名额留给3号楼居民' });
    };
    const page = phone.open('packageCommittee/pages/review/review', 'demo-committee', { query: { activityId }, wx: { showModal } });
    expect(screen(page)).toContain('加载中');
    await settled();

    expect((page.data.rows as any[]).map((r) => r.id).sort()).toEqual([first, second].sort());
    expect(screen(page)).toContain('待审核 2 人');

    buttonFor(page, '.review__approve', first).dispatchEvent('tap');
    await settled();
    expect(signup(first).status).toBe('confirmed');
    expect((page.data.rows as any[]).map((r) => r.id)).toEqual([second]);
    expect(screen(page)).toContain('已报名');

    buttonFor(page, '.review__reject', second).dispatchEvent('tap');
    await settled();
    expect(reasons).toEqual([true]);
    expect(signup(second)).toMatchObject({ status: 'rejected', reason: '本次名额留给3号楼居民' });
    expect(page.data.rows).toEqual([]);
    expect(screen(page)).toContain('没有待审核的报名');
  });

  test('全部通过 approves the queue in one call; what does not fit stays pending with its message', async () => {
    const created = await call(phone.emulator, 'demo-committee', 'activity', 'create', {
      communityId: 'demo-community',
      fields: activityFields({ title: '一人名额的讲座', approval: 'committee', capacity: 1 }),
    });
    const activityId = created.data.id;
    await call(phone.emulator, 'demo-resident-3', 'activity', 'signup', { activityId, answers: {} });
    await call(phone.emulator, 'demo-resident-4', 'activity', 'signup', { activityId, answers: {} });

    const asked: string[] = [];
    const showModal = (options: any) => {
      asked.push(options.content);
      options.success?.({ confirm: true, cancel: false });
    };
    const page = phone.open('packageCommittee/pages/review/review', 'demo-committee', { query: { activityId }, wx: { showModal } });
    await settled();
    page.querySelector('.committee__approve-all')!.dispatchEvent('tap');
    await settled();
    expect(asked).toEqual(['通过这 2 人的报名（剩余 1 个名额（共 1 个））。名额不够时，多出的人仍留在待审核里。']);

    const outcomes = page.data.outcomes as Array<{ text: string; pending: boolean }>;
    expect(outcomes).toHaveLength(2);
    expect(outcomes.filter((o) => !o.pending)).toHaveLength(1);
    expect(outcomes.filter((o) => o.pending)).toHaveLength(1);
    expect(page.data.rows).toHaveLength(1);
    expect(screen(page)).toContain('待审核');
  });
});

test('社区活动: the committee sees its community’s activities with links to review and check-in code', async () => {
  const { activityId } = await activityWithTwoPending('社区议事厅开放日');
  const page = phone.open('packageCommittee/pages/activities/activities', 'demo-committee');
  await settled();
  const row = (page.data.rows as any[]).find((r) => r.id === activityId);
  expect(row).toMatchObject({
    title: '社区议事厅开放日',
    reviewUrl: `/packageCommittee/pages/review/review?activityId=${activityId}`,
    codeUrl: `/packageCommittee/pages/checkin-code/checkin-code?activityId=${activityId}`,
  });
  // the two signups waiting for the committee are counted on the row
  expect(row.note).toContain('2 人待审核');
  expect(screen(page)).toContain('社区议事厅开放日');
});

test('签到码: the QR encodes the live token, a volunteer’s scan of it is accepted, it refreshes, and the screen is released on close', async () => {
  const activity = await insertActivity(phone.emulator, { title: '垃圾分类督导（进行中）' });
  const volunteer = await insertSignup(phone.emulator, activity, 'demo-volunteer-1');
  const keepScreenOn: boolean[] = [];
  const page = phone.open('packageCommittee/pages/checkin-code/checkin-code', 'demo-committee', {
    query: { activityId: activity._id },
    wx: {
      setKeepScreenOn: (o: { keepScreenOn: boolean }) => keepScreenOn.push(o.keepScreenOn),
      getWindowInfo: () => ({ windowWidth: 375, pixelRatio: 2 }),
    },
  });
  // 20 countdown "seconds" of 60 ms each: a refresh after 1.2 s (tokens are minted per second).
  page.instance.secondMs = 60;
  await settled();

  expect(keepScreenOn).toEqual([true]);
  const token = page.data.token as string;
  expect(token).toHaveLength(32);
  expect(screen(page)).toContain('秒后自动刷新');

  const qr = page.querySelector('.checkin__qr')!;
  expect(qr.data.text).toBe(token);
  const rects: number[][] = [];
  const ctx = { fillStyle: '', scale: () => {}, fillRect: (...r: number[]) => rects.push(r) };
  const drawing = qr.instance.paint({ width: 0, height: 0, getContext: () => ctx }, 2);
  expect(drawing).toEqual(qrDrawCommands(qrMatrix(token), page.data.size));

  const scanned = await call(phone.emulator, 'demo-volunteer-1', 'activity', 'checkin', { activityId: activity._id, token });
  expect(scanned).toMatchObject({ ok: true, data: { id: volunteer._id } });
  expect(signup(volunteer._id).checkinAt).not.toBeNull();

  // The countdown runs on an interval, which settled() does not wait for: wait for the new code itself.
  while (page.data.token === token) await simulate.sleep(50);
  await settled();
  expect(page.data.token).not.toBe(token);
  expect(page.querySelector('.checkin__qr')!.data.text).toBe(page.data.token);

  page.detach();
  expect(keepScreenOn).toEqual([true, false]);
  // Closed: the countdown is stopped and nothing is left running that could fetch another code.
  const last = page.data.token;
  expect(page.instance.ticker).toBeNull();
  await settled();
  expect(page.data.token).toBe(last);
});
