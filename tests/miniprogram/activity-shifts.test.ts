/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * Choosing a shift (班次) on 活动详情 before signing up, in miniprogram-simulate against the emulator
 * running the real functions on the seeded demo neighbourhood. Every setData stays within the
 * budget (checked after each test).
 */
import { call } from '../helpers/app';
import { activityFields } from '../functions/activity-fixtures';
import { timeRange } from '../../miniprogram/pages/activity-detail/view';
import { SimPage } from './simulate';
import { element, screen, settled, tapOn } from './screen';
import { pageTestSetup } from './page-test';

const phone = pageTestSetup();

const HOUR = 3600_000;
/** Two days from now, on the hour. */
const DAY_AFTER = Math.ceil((Date.now() + 48 * HOUR) / HOUR) * HOUR;
const at = (hoursFromDayAfter: number) => new Date(DAY_AFTER + hoursFromDayAfter * HOUR).toISOString();

function openDetail(id: string, openid: string): SimPage {
  return phone.open('pages/activity-detail/activity-detail', openid, { query: { id } });
}

/** A two-shift volunteer day: 上午班 for 3 hours (places as given), 下午班 3 hours later with 5 places. */
async function twoShiftDay(title: string, morningPlaces = 5): Promise<string> {
  const created = await call(phone.emulator, 'demo-committee', 'activity', 'create', {
    communityId: 'demo-community',
    fields: activityFields({
      title,
      series: 'civility',
      startAt: at(0),
      endAt: at(7),
      shifts: [
        { role: '上午班', startAt: at(0), endAt: at(3), capacity: morningPlaces, hours: 3 },
        { role: '下午班', startAt: at(4), endAt: at(7), capacity: 5, hours: 3 },
      ],
    }),
  });
  expect(created).toMatchObject({ ok: true });
  return created.data.id;
}

const shiftCards = (page: SimPage) => page.querySelectorAll('.detail__shift');
const shiftCard = (page: SimPage, role: string) => {
  const card = shiftCards(page).find((c) => (c.dom?.textContent ?? '').trim().startsWith(role));
  if (!card) throw new Error(`no shift ${role} on screen`);
  return card;
};

test('a resident signs up for the afternoon shift of a two-shift activity and sees it', async () => {
  const id = await twoShiftDay('街区文明引导日');
  const page = openDetail(id, 'demo-resident-11');
  await settled();

  expect(screen(page)).toContain('2 个班次，共剩余 10 个名额');
  expect(shiftCards(page)).toHaveLength(2);
  const afternoonTime = timeRange(at(4), at(7));
  expect(shiftCard(page, '下午班').dom?.textContent).toContain(afternoonTime);
  expect(shiftCard(page, '下午班').dom?.textContent).toContain('剩余 5 个名额');

  // Without a shift the form says so before anything is sent.
  tapOn(page, '.detail__submit');
  await settled();
  expect(screen(page)).toContain('请先选择一个班次');

  shiftCard(page, '下午班').dispatchEvent('tap');
  await settled();
  expect(element(page, '.detail__shift--on').dom?.textContent).toContain('下午班');
  tapOn(page, '.detail__submit');
  await settled();

  expect(element(page, '.detail__status').dom?.textContent).toBe('已报名');
  expect(element(page, '.detail__my-shift').dom?.textContent).toBe(`下午班 ${afternoonTime}`);
  expect(page.querySelector('.detail__form')).toBeUndefined();

  const got = await call(phone.emulator, 'demo-resident-11', 'activity', 'get', { activityId: id });
  const afternoon = got.data.activity.shifts.find((s: any) => s.role === '下午班');
  expect(got.data.mySignups).toEqual([expect.objectContaining({ shiftId: afternoon.id, status: 'confirmed' })]);

  // A neighbour opening the activity now sees one place fewer in the afternoon, none fewer in the morning.
  const neighbour = openDetail(id, 'demo-resident-12');
  await settled();
  expect(shiftCard(neighbour, '下午班').dom?.textContent).toContain('剩余 4 个名额');
  expect(shiftCard(neighbour, '上午班').dom?.textContent).toContain('剩余 5 个名额');
});

test('a full shift still takes a signup, onto its waitlist', async () => {
  const id = await twoShiftDay('河道巡护日', 1);
  const got = await call(phone.emulator, 'demo-committee', 'activity', 'get', { activityId: id });
  const morning = got.data.activity.shifts.find((s: any) => s.role === '上午班');
  expect(await call(phone.emulator, 'demo-resident-13', 'activity', 'signup', { activityId: id, shiftId: morning.id, answers: {} })).toMatchObject({ ok: true });

  const page = openDetail(id, 'demo-resident-14');
  await settled();
  expect(shiftCard(page, '上午班').dom?.textContent).toContain('名额已满，可报名候补');
  shiftCard(page, '上午班').dispatchEvent('tap');
  tapOn(page, '.detail__submit');
  await settled();
  expect(element(page, '.detail__status').dom?.textContent).toBe('候补第 1 位');
  expect(element(page, '.detail__my-shift').dom?.textContent).toContain('上午班');
});
