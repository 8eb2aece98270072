/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * 报名名单 (packageCommittee/pages/roster) in miniprogram-simulate, in local mode against the
 * emulator running the real functions on the seeded demo neighbourhood: who signed up, who has
 * checked in and out and for how long, phones masked until the committee asks (which is recorded),
 * 20 a page, and the CSV export whose link really downloads the file.
 */
import { shanghaiDateTime } from '../../miniprogram/utils/time';
import { HOUR, MINUTE, ago, insertActivity, insertSignup } from '../functions/attendance-fixtures';
import { audits } from '../functions/neighbourhood';
import { SimPage } from './simulate';
import { element, screen, settled, tapOn } from './screen';
import { pageTestSetup } from './page-test';

const phone = pageTestSetup();

const openRoster = (id: string, openid = 'demo-committee'): SimPage => phone.open('packageCommittee/pages/roster/roster', openid, { query: { id } });
const clock = (d: Date) => shanghaiDateTime(d.toISOString()).split(' ')[1];

test('the roster shows when a volunteer checked in and out with the hours, phones masked; 显示完整手机号 shows full numbers and is recorded', async () => {
  const activity = await insertActivity(phone.emulator, { title: '友邻健康义诊（进行中）' });
  const arrived = ago(50 * MINUTE);
  const left = ago(5 * MINUTE);
  await insertSignup(phone.emulator, activity, 'demo-volunteer-1', { createdAt: ago(80 * HOUR), checkinAt: arrived });
  await insertSignup(phone.emulator, activity, 'demo-volunteer-2', { createdAt: ago(79 * HOUR), checkinAt: arrived, checkoutAt: left, hours: 0.75 });
  await insertSignup(phone.emulator, activity, 'demo-resident-1', { createdAt: ago(78 * HOUR), answers: { phone: '13912345678', companions: 1, note: '腿脚不便' } });

  const page = openRoster(activity._id);
  expect(screen(page)).toContain('加载中');
  await settled();

  expect(screen(page)).toContain('友邻健康义诊（进行中）');
  expect(page.querySelectorAll('.roster__row')).toHaveLength(3);
  const [first, second, third] = page.querySelectorAll('.roster__attendance').map((a) => a.dom?.textContent);
  expect(first).toBe(`已签到 ${clock(arrived)}`);
  expect(second).toBe(`已签到 ${clock(arrived)} · 已签退 ${clock(left)} · 0.75 小时`);
  expect(third).toBe('未签到');
  expect(screen(page)).toContain('同行 1 人；备注：腿脚不便');
  const phones = () => page.querySelectorAll('.roster__phone').map((p) => p.dom?.textContent);
  expect(phones()).toEqual(['138****0101', '138****0102', '139****5678']);
  expect(audits(phone.emulator, { target: activity._id })).toEqual([]);

  tapOn(page, '.roster__unmask');
  await settled();
  expect(phones()).toEqual(['13800000101', '13800000102', '13912345678']);
  expect(screen(page)).toContain('隐藏手机号');
  expect(audits(phone.emulator, { target: activity._id })).toEqual([
    expect.objectContaining({ actor: 'demo-committee', action: 'unmaskPhones', detail: { communityId: 'demo-community', roster: 'page', count: 3 } }),
  ]);

  tapOn(page, '.roster__unmask');
  await settled();
  expect(phones()).toEqual(['138****0101', '138****0102', '139****5678']);
});

test('a long roster comes 20 at a time; 加载更多 brings the rest', async () => {
  const activity = await insertActivity(phone.emulator, { title: '友邻健康步道清扫' });
  const people = [...Array.from({ length: 20 }, (_, i) => `demo-resident-${i + 1}`), 'demo-volunteer-1', 'demo-volunteer-2', 'demo-volunteer-3'];
  for (const [i, openid] of people.entries()) await insertSignup(phone.emulator, activity, openid, { createdAt: ago((100 - i) * MINUTE) });

  const page = openRoster(activity._id);
  await settled();
  expect(page.querySelectorAll('.roster__row')).toHaveLength(20);
  expect(screen(page)).toContain('加载更多');

  tapOn(page, '.roster__more');
  await settled();
  expect(page.querySelectorAll('.roster__row')).toHaveLength(23);
  expect(screen(page)).toContain('共 23 人，没有更多了');
  expect(page.querySelector('.roster__more')).toBeUndefined();
});

test('导出 CSV gives a link whose file has the header row and one row per signup; the page says how many', async () => {
  const activity = await insertActivity(phone.emulator, { title: '友邻健康讲座' });
  await insertSignup(phone.emulator, activity, 'demo-resident-4', { createdAt: ago(90 * MINUTE), checkinAt: ago(40 * MINUTE) });
  await insertSignup(phone.emulator, activity, 'demo-resident-5', { createdAt: ago(80 * MINUTE), answers: { phone: null, companions: 0, note: '带老花镜, 坐前排' } });
  await insertSignup(phone.emulator, activity, 'demo-resident-6', { createdAt: ago(70 * MINUTE), status: 'waitlisted' });

  const page = openRoster(activity._id);
  await settled();
  tapOn(page, '.roster__export');
  await settled();

  const url: string = page.data.exportUrl;
  expect(url).toMatch(new RegExp(`^${phone.emulator.url}/storage/download/`));
  expect(element(page, '.roster__export-link').dom?.textContent).toBe(url);
  expect(element(page, '.roster__export-note').dom?.textContent).toBe('共 3 条报名，链接 10 分钟内有效');

  const res = await fetch(url);
  expect(res.status).toBe(200);
  const lines = (await res.text())
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean);
  expect(lines[0]).toBe('序号,昵称,楼组,手机号,状态,岗位,同行人数,备注,报名时间,签到时间,签退时间,志愿时长（小时）');
  expect(lines).toHaveLength(4);
  expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['1', '2', '3']);
  expect(lines[2]).toContain('"带老花镜, 坐前排"');
  expect(lines[3]).toContain('候补中');
  expect(lines.join('\n')).toContain('138****0003');
});

test('a resident who opens a roster is refused in plain words, with 重试', async () => {
  const activity = await insertActivity(phone.emulator, { title: '友邻健康茶话会' });
  const page = openRoster(activity._id, 'demo-resident-9');
  await settled();
  expect(screen(page)).toContain('只有本居民区的居委会成员可以管理这个活动');
  expect(screen(page)).toContain('重试');
  expect(page.querySelector('.roster__export')).toBeUndefined();
});
