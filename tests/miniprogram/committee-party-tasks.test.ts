/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * 服务队与岗位 and 发布任务与排班 (packageCommittee/pages/party-teams, party-tasks) in
 * miniprogram-simulate against the emulator running the real `member` function on the seeded demo
 * neighbourhood: the committee adds a team and gives a member a post; publishes a rota whose shifts
 * show their places left, and a task; publishes a resident's wish without their room, or declines one.
 */
import { element, screen, settled, tapOn, typeInto } from './screen';
import { pageTestSetup } from './page-test';
import { modal, ok, openParty } from './committee-party-fixtures';

const phone = pageTestSetup();
const MEMBER = 'demo-member-1';

describe('服务队与岗位', () => {
  test('the committee adds 平安巡逻队, moves 党员小陆 onto it as 分队长, and the member sees the post', async () => {
    const page = openParty(phone, 'party-teams');
    await settled();
    expect(screen(page)).toContain('垃圾分类督导队 · 1 名党员');
    expect(screen(page)).toContain('党员小陆');
    expect(screen(page)).toContain('垃圾分类督导队 · 督导员');

    tapOn(page, '.party-teams__save');
    await settled();
    expect(screen(page)).toContain('服务队名称');
    typeInto(page, '.party-teams__name', '平安巡逻队');
    tapOn(page, '.party-teams__save');
    await settled();
    expect(screen(page)).toContain('已添加“平安巡逻队”');
    const teams = page.data.teams as Array<{ name: string }>;
    element(page, '.party-teams__team-picker').dispatchEvent('change', { detail: { value: teams.findIndex((t) => t.name === '平安巡逻队') } });
    await settled();
    const posts = page.data.posts as Array<{ name: string }>;
    element(page, '.party-teams__post-picker').dispatchEvent('change', { detail: { value: posts.findIndex((p) => p.name === '分队长') } });
    await settled();
    expect(screen(page)).toContain('已保存：党员小陆 平安巡逻队 · 分队长');
    expect(screen(page)).toContain('平安巡逻队 · 1 名党员');
    expect((await ok(phone.emulator, MEMBER, 'me', {})).registration).toMatchObject({ teamName: '平安巡逻队', post: 'squadLeader' });
  });
});

describe('发布任务与排班', () => {
  test('a rota publishes shifts that show places left, and a claim takes one', async () => {
    const page = openParty(phone, 'party-tasks');
    await settled();
    tapOn(page, '.party-tasks__mode-rota');
    await settled();
    typeInto(page, '.party-tasks__title', '桶前值守');
    typeInto(page, '.party-tasks__place', '5号楼垃圾箱房');
    typeInto(page, '.party-tasks__places', '3');
    tapOn(page, '.party-tasks__publish');
    await settled();
    expect(screen(page)).toContain('请至少选一天');

    element(page, '.party-tasks__weekdays').dispatchEvent('change', { detail: { value: ['1', '2', '3', '4', '5', '6', '7'] } });
    typeInto(page, '.party-tasks__weeks', '1');
    tapOn(page, '.party-tasks__publish');
    await settled();
    expect(screen(page)).toMatch(/已排班“桶前值守”，生成 [67] 个班次/);
    const shifts = (page.data.open as Array<{ id: string; place: string; places: string }>).filter((r) => r.place === '5号楼垃圾箱房');
    expect(shifts.length).toBeGreaterThan(0);
    expect(shifts.every((s) => s.places === '余 3/3 个名额')).toBe(true);

    await ok(phone.emulator, MEMBER, 'claim', { taskId: shifts[0].id });
    page.instance.onPullDownRefresh();
    await settled();
    expect((page.data.open as Array<{ id: string; places: string }>).find((r) => r.id === shifts[0].id)?.places).toBe('余 2/3 个名额');
  });

  test('a governance task is checked before it is sent, then published with its places', async () => {
    const page = openParty(phone, 'party-tasks');
    await settled();
    typeInto(page, '.party-tasks__title', '清');
    tapOn(page, '.party-tasks__publish');
    await settled();
    expect(page.data.messageKind).toBe('error');
    expect(screen(page)).toContain('标题');
    typeInto(page, '.party-tasks__title', '清理楼道堆物');
    typeInto(page, '.party-tasks__places', '4');
    tapOn(page, '.party-tasks__publish');
    await settled();
    expect(screen(page)).toContain('已发布“清理楼道堆物”，4 个名额');
    expect(screen(page)).toContain('余 4/4 个名额');
  });

  test("a resident's wish is published without their room, and another is declined with a reason", async () => {
    const lamp = await ok(phone.emulator, 'demo-resident-2', 'postWish', { title: '想请人陪同去医院配药', note: '腿脚不便' });
    const other = await ok(phone.emulator, 'demo-resident-4', 'postWish', { title: '帮忙搬一台冰箱', note: '' });
    const titles: string[] = [];
    const page = openParty(phone, 'party-tasks', 'demo-committee', { showModal: modal([{ confirm: true, content: '搬运大件请联系物业' }], titles) });
    await settled();
    expect(screen(page)).toContain('想请人陪同去医院配药');
    expect(screen(page)).toContain('仅居委会可见');
    const wishes = () => page.data.wishes as Array<{ id: string }>;
    page.querySelectorAll('.party-tasks__publish-wish')[wishes().findIndex((w) => w.id === lamp.id)].dispatchEvent('tap');
    await settled();
    expect(screen(page)).toContain('党员看不到居民的电话和门牌');
    const seen = await ok(phone.emulator, MEMBER, 'task', { taskId: lamp.id });
    expect(seen).toMatchObject({ state: 'open', wisher: null });

    page.querySelectorAll('.party-tasks__decline-wish')[wishes().findIndex((w) => w.id === other.id)].dispatchEvent('tap');
    await settled();
    expect(titles).toEqual(['婉拒理由']);
    expect(screen(page)).toContain('已婉拒');
    expect(wishes()).toHaveLength(0);
    expect(await ok(phone.emulator, 'demo-resident-4', 'task', { taskId: other.id })).toMatchObject({ state: 'rejected', reason: '搬运大件请联系物业' });
  });
});
