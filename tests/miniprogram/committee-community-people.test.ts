/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * 楼组绑定申请 and 居民名单 (packageCommittee/pages/bindings, members) in miniprogram-simulate against
 * the emulator running the real functions on the seeded demo neighbourhood: the committee lets a
 * newcomer into their building or turns them down with a reason, reads the members with masked
 * phones, and grants or takes away a role.
 */
import { call } from '../helpers/app';
import { SimPage } from './simulate';
import { element, screen, settled } from './screen';
import { pageTestSetup } from './page-test';

const phone = pageTestSetup();

type ModalAnswer = { confirm: boolean; content?: string };

function open(path: 'bindings' | 'members', openid: string, wx: Record<string, unknown> = {}): SimPage {
  return phone.open(`packageCommittee/pages/${path}/${path}`, openid, { wx });
}

/** wx.showModal answered in turn with `answers` (what the committee member types and taps). */
function modal(answers: ModalAnswer[], titles: string[] = []) {
  return (options: { title: string; success: (res: { confirm: boolean; cancel: boolean; content: string }) => void }) => {
    titles.push(options.title);
    const a = answers.shift() ?? { confirm: false };
    options.success({ confirm: a.confirm, cancel: !a.confirm, content: a.content ?? '' });
  };
}

async function me(openid: string) {
  const answer = await call(phone.emulator, openid, 'user', 'me', {});
  expect(answer).toMatchObject({ ok: true });
  return answer.data;
}

function rowIndex(page: SimPage, key: 'id' | 'openid', value: string): number {
  const index = (page.data.rows as Array<Record<string, string>>).findIndex((r) => r[key] === value);
  expect(index).toBeGreaterThanOrEqual(0);
  return index;
}

describe('楼组绑定申请', () => {
  test("the committee approves the visitor's request: the row leaves and the visitor's profile shows the building", async () => {
    expect(await me('demo-visitor-1')).toMatchObject({ status: 'visitor', building: null });
    const page = open('bindings', 'demo-committee');
    expect(screen(page)).toContain('加载中');
    await settled();
    expect(screen(page)).toContain('新邻居小周');
    expect(screen(page)).toContain('第1微网格 1号楼 602室');

    page.querySelectorAll('.bindings__approve')[rowIndex(page, 'id', 'demo-binding-1')].dispatchEvent('tap');
    await settled();
    expect(screen(page)).toContain('已通过：新邻居小周 现在是 1号楼 的居民');
    expect(screen(page)).toContain('没有待审核的绑定申请');
    expect(await me('demo-visitor-1')).toMatchObject({ status: 'resident', building: { id: 'demo-building-1', name: '1号楼' }, room: '602' });
  });

  test('rejecting needs a reason; with one, the newcomer reads it', async () => {
    const asked = await call(phone.emulator, 'o-newcomer-wu', 'user', 'requestBinding', { buildingId: 'demo-building-2', room: '301' });
    expect(asked).toMatchObject({ ok: true });
    const toasts: string[] = [];
    const titles: string[] = [];
    const page = open('bindings', 'demo-committee', {
      showModal: modal(
        [
          { confirm: true, content: '' },
          { confirm: true, content: '2号楼没有301室，请核对房号' },
        ],
        titles,
      ),
      showToast: (o: { title: string }) => toasts.push(o.title),
    });
    await settled();
    const reject = () => page.querySelectorAll('.bindings__reject')[rowIndex(page, 'id', asked.data.id)].dispatchEvent('tap');

    reject();
    await settled();
    expect(toasts).toEqual(['请写明拒绝理由']);
    expect(screen(page)).toContain('2号楼 301室');
    expect((await me('o-newcomer-wu')).latestBinding).toMatchObject({ status: 'pending' });

    reject();
    await settled();
    expect(titles).toEqual(['拒绝理由', '拒绝理由']);
    expect(screen(page)).toContain('的申请，理由会告诉对方');
    expect(screen(page)).not.toContain('2号楼 301室');
    expect((await me('o-newcomer-wu')).latestBinding).toMatchObject({ status: 'rejected', reason: '2号楼没有301室，请核对房号' });
  });
});

describe('居民名单', () => {
  test('members come 20 a page with masked phones and their roles; the rest load at the bottom', async () => {
    const page = open('members', 'demo-committee');
    await settled();
    expect(page.data.rows).toHaveLength(20);
    const text = screen(page);
    expect(text).toContain('王秀英');
    expect(text).toContain('138****0000');
    expect(text).not.toContain('13800000000');
    expect(text).toContain('居委会');
    expect(text).toContain('网格员（第1微网格）');

    page.instance.onReachBottom();
    await settled();
    expect((page.data.rows as unknown[]).length).toBeGreaterThan(20);
    expect(page.data.nextCursor).toBe('');
    expect(screen(page)).toContain('志愿者');
  });

  test('the list narrows to one building', async () => {
    const page = open('members', 'demo-committee');
    await settled();
    const filters = page.data.filters as Array<{ label: string }>;
    element(page, '.members__filter-picker').dispatchEvent('change', { detail: { value: filters.findIndex((f) => f.label === '3号楼') } });
    await settled();
    const rows = page.data.rows as Array<{ home: string }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.home.includes('3号楼'))).toBe(true);
    expect(screen(page)).toContain('范围：3号楼');
  });

  test('granting 志愿者 to a resident shows the new role; taking it away again asks first', async () => {
    const page = open('members', 'demo-committee', { showModal: modal([{ confirm: true }]) });
    await settled();
    const labels = page.data.grantLabels as string[];
    // What a committee may grant in its own community; never admin.
    expect(labels).toEqual(['志愿者', '网格员（第1微网格）', '网格员（第2微网格）', '居委会', '服务提供方（友邻社区卫生服务中心）']);

    const index = rowIndex(page, 'openid', 'demo-resident-1');
    page.querySelectorAll('.members__grant-picker')[index].dispatchEvent('change', { detail: { value: labels.indexOf('志愿者') } });
    await settled();
    expect(screen(page)).toContain('已将 王秀英 设为志愿者');
    expect(page.data.rows[index].roles).toEqual([{ text: '志愿者', revocable: true }]);
    expect((await me('demo-resident-1')).roles).toEqual([{ role: 'volunteer', communityId: 'demo-community' }]);

    // 撤销 beside each role I may take away, row by row: this member's is after those of the rows above.
    const above = (page.data.rows as Array<{ roles: Array<{ revocable: boolean }> }>).slice(0, index).flatMap((r) => r.roles.filter((x) => x.revocable)).length;
    page.querySelectorAll('.members__revoke')[above].dispatchEvent('tap');
    await settled();
    expect(screen(page)).toContain('已撤销 王秀英 的志愿者角色');
    expect((await me('demo-resident-1')).roles).toEqual([]);
  });
});

test.each(['bindings', 'members'] as const)('a plain resident opening %s is refused in plain words', async (path) => {
  const page = open(path, 'demo-resident-4');
  await settled();
  expect(screen(page)).toContain('只有居委会成员可以使用这个页面');
  expect(screen(page)).toContain('重试');
});
