/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * 党员服务看板 and 党员岗位评星 (packageCommittee/pages/party-dashboard, party-stars), and the
 * workbench's way to them, in miniprogram-simulate against the emulator running the real `member`
 * function on the seeded demo neighbourhood.
 */
import { shanghaiYear } from '../../domain/shanghai-time';
import { screen, settled, tapOn, typeInto } from './screen';
import { pageTestSetup } from './page-test';
import { COMMUNITY, ok, openParty } from './committee-party-fixtures';

const phone = pageTestSetup();
const YEAR = shanghaiYear(new Date());

describe('党员服务看板', () => {
  test('the figures, the year file per work unit, and points that must be 0–100', async () => {
    const page = openParty(phone, 'party-dashboard');
    await settled();
    const text = screen(page);
    expect(text).toContain('报到党员1 人');
    expect(text).toMatch(/等待认领的微心愿1 个，最久已等 \d+ 天/);
    expect(text).toContain('认领后未到岗0 次');

    tapOn(page, '.party-dashboard__make');
    await settled();
    expect(screen(page)).toContain(`已生成 ${YEAR} 年 1 个工作单位的年度报告`);
    expect(page.data.files).toEqual([expect.objectContaining({ name: '新翔区税务局', note: '1 名党员' })]);

    typeInto(page, '.party-dashboard__per-hour', '200');
    tapOn(page, '.party-dashboard__save-points');
    await settled();
    expect(screen(page)).toContain('积分应为 0 到 100 之间的数');
    typeInto(page, '.party-dashboard__per-hour', '12');
    tapOn(page, '.party-dashboard__save-points');
    await settled();
    expect(screen(page)).toContain('积分规则已保存');
    expect(await ok(phone.emulator, 'demo-committee', 'pointsSettings', { communityId: COMMUNITY })).toMatchObject({ perHour: 12 });
  });

  test('someone who is not on the committee is told so in plain words', async () => {
    const page = openParty(phone, 'party-dashboard', 'demo-member-1');
    await settled();
    expect(screen(page)).toContain('只有居委会成员可以使用这个页面');
  });
});

describe('党员岗位评星', () => {
  test('the committee scores 党员小陆, refuses a score over 100, posts the stars and sees them on public notice', async () => {
    const page = openParty(phone, 'party-stars');
    await settled();
    expect(screen(page)).toContain('党员小陆');
    typeInto(page, '.party-stars__peer', '120');
    typeInto(page, '.party-stars__party', '90');
    tapOn(page, '.party-stars__save');
    await settled();
    expect(screen(page)).toContain('分数不能超过 100');

    typeInto(page, '.party-stars__peer', '80');
    tapOn(page, '.party-stars__save');
    await settled();
    expect(screen(page)).toContain('已记录党员小陆的评分');

    tapOn(page, '.party-stars__post');
    await settled();
    expect(screen(page)).toContain(`已公示 1 名党员的 ${YEAR} 年评星，5 天内可提出异议`);
    expect(screen(page)).toMatch(/★+ \d+ 分 · 公示中/);
    expect(await ok(phone.emulator, 'demo-member-1', 'stars', { year: YEAR })).toMatchObject({ state: 'posted', peer: 80, party: 90 });
  });
});

test('the workbench leads to the party-member pages and counts the registrations waiting', async () => {
  await ok(phone.emulator, 'demo-resident-8', 'register', { workUnit: '友邻小学', branch: '友邻小学党支部', contactName: '李老师', contactPhone: '13800009002', skills: [], serveTimes: ['周日'] });
  const page = phone.open('packageCommittee/pages/workbench/workbench', 'demo-committee');
  await settled();
  const urls = (page.data.entries as Array<{ url: string }>).map((e) => e.url);
  for (const name of ['party-review', 'party-teams', 'party-tasks', 'party-verify', 'party-dashboard', 'party-stars']) expect(urls).toContain(`/packageCommittee/pages/${name}/${name}`);
  expect(page.data.counts).toMatchObject({ '/packageCommittee/pages/party-review/party-review': '1', '/packageCommittee/pages/party-verify/party-verify': '' });
  expect(screen(page)).toContain('党员报到审核');
});
