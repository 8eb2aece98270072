/**
 * The demand pages' pure side, what is sent: the forms checked with the function's own schemas before
 * anything is sent; whose inbox the workbench opens; the dashboard's rates with their counts.
 */
import type { Dashboard, Similar } from '../../miniprogram/services/demand/types';
import { rateText } from '../../miniprogram/services/demand/present';
import { categoryOptions, checkDraft, reportInput, reporterOf, similarRow } from '../../miniprogram/packageDemand/pages/report/view';
import { checkNote, defaultReviewDay, noteInput, rateInput } from '../../miniprogram/packageDemand/pages/demand/panel';
import { inboxQueryFor } from '../../miniprogram/packageDemand/pages/inbox/view';
import { countsText, defaultPeriod, missesText, overdueRows, rateCards } from '../../miniprogram/packageCommittee/pages/demands/view';
import { archiveChange, newCategory } from '../../miniprogram/packageCommittee/pages/demand-categories/view';
import { NOW } from './demand-view-fixtures';

describe('我要反映 checks and sends', () => {
  const me = {
    openid: 'o1',
    displayName: '王秀英',
    avatar: null,
    realName: null,
    phone: null,
    birthYear: null,
    elderMode: false,
    privacy: null,
    status: 'resident' as const,
    roles: [],
    room: '101',
    building: { id: 'b1', name: '1号楼' },
    grid: { id: 'g1', name: '第1微网格' },
    community: { id: 'c1', name: '友邻居民区' },
    street: null,
    latestBinding: null,
    contacts: [],
  };

  test('a resident reports from their building; a mobile grid worker from where they stand; a visitor not at all', () => {
    expect(reporterOf(me)).toEqual({ openid: 'o1', communityId: 'c1', buildingId: 'b1', placeText: '1号楼 · 第1微网格', mobile: false });
    const rider = { ...me, status: 'visitor' as const, building: null, grid: null, community: null, roles: [{ role: 'mobileGridWorker' as const, communityId: 'c1' }] };
    expect(reporterOf(rider)).toMatchObject({ communityId: 'c1', buildingId: '', mobile: true });
    expect(reporterOf({ ...me, building: null, grid: null, community: null })).toBeNull();
  });

  test('the categories of the chosen kind still in use, with their time limits', () => {
    const all = [
      { id: 'leak', communityId: 'c1', name: '漏水', kind: 'dispute' as const, deadlineClass: 'general' as const, archived: false },
      { id: 'old', communityId: 'c1', name: '旧类别', kind: 'dispute' as const, deadlineClass: 'general' as const, archived: true },
      { id: 'fire', communityId: 'c1', name: '消防通道', kind: 'hazard' as const, deadlineClass: 'urgent' as const, archived: false },
    ];
    expect(categoryOptions(all, 'dispute')).toEqual([{ id: 'leak', name: '漏水', note: '一般：1 个工作日内受理，5 个工作日内办结' }]);
    expect(categoryOptions(all, 'hazard')[0].note).toBe('紧急：2 小时内响应，24 小时内处置');
  });

  test('the first problem in the function’s words; the report as the contract takes it', () => {
    const reporter = reporterOf(me)!;
    const draft = { kind: 'dispute' as const, categoryId: '', text: '', photos: 0, urgent: false, anonymous: true, located: false };
    expect(checkDraft(draft, reporter)).toEqual({ ok: false, message: '请选择一个类别' });
    expect(checkDraft({ ...draft, categoryId: 'leak', text: '  ' }, reporter)).toEqual({ ok: false, message: '请写下你要反映的内容' });
    expect(checkDraft({ ...draft, categoryId: 'leak', text: '长'.repeat(1001) }, reporter)).toEqual({ ok: false, message: '内容不能超过 1000 个字' });
    const ok = checkDraft({ ...draft, categoryId: 'leak', text: '  楼上漏水  ' }, reporter);
    expect(ok).toEqual({ ok: true, text: '楼上漏水' });
    expect(reportInput({ ...draft, categoryId: 'leak' }, '楼上漏水', reporter, ['cloud://env/demand/o1/a.jpg'], null)).toEqual({
      categoryId: 'leak',
      text: '楼上漏水',
      photos: ['cloud://env/demand/o1/a.jpg'],
      buildingId: 'b1',
      anonymous: true,
    });
  });

  test('a 随手拍 needs where and a photo, and goes with the community and the location', () => {
    const rider = reporterOf({ ...me, building: null, grid: null, community: null, roles: [{ role: 'mobileGridWorker', communityId: 'c1' }] })!;
    const draft = { kind: 'hazard' as const, categoryId: 'fire', text: '消防通道堵了', photos: 0, urgent: true, anonymous: false, located: false };
    expect(checkDraft(draft, rider)).toEqual({ ok: false, message: '随手拍需要当前位置：请点“使用当前位置”' });
    expect(checkDraft({ ...draft, located: true }, rider)).toEqual({ ok: false, message: '随手拍请至少拍一张照片' });
    const point = { type: 'Point' as const, coordinates: [121.32, 31.29] as [number, number] };
    expect(reportInput({ ...draft, located: true, photos: 1 }, '消防通道堵了', rider, ['cloud://x/demand/o1/p.jpg'], point)).toEqual({
      categoryId: 'fire',
      text: '消防通道堵了',
      photos: ['cloud://x/demand/o1/p.jpg'],
      communityId: 'c1',
      location: point,
      urgent: true,
    });
  });

  test('a neighbour’s open demand offered as 我也遇到: what, where, since when; no text, no names', () => {
    const s: Similar = { id: 's1', category: '漏水', building: null, distanceMetres: 62.4, state: 'accepted', createdAt: '2026-12-01T02:00:00Z', meTooCount: 3, meToo: false };
    expect(similarRow(s)).toEqual({ id: 's1', title: '漏水 · 62 米内', note: '2026年12月1日 10:00 反映，3 位邻居也遇到', meToo: false });
  });
});

describe('the handler’s and the reporter’s panels', () => {
  test('a resolution needs a note and an after-photo; a park a reason and a review day', () => {
    expect(checkNote('resolve', '', 1, '')).toEqual({ ok: false, message: '说明不能少于 1 个字' });
    expect(checkNote('resolve', '换了水管接头', 0, '')).toEqual({ ok: false, message: '请上传至少一张办理后的照片' });
    expect(checkNote('park', '等', 0, '2027-01-15')).toEqual({ ok: false, message: '理由不能少于 2 个字' });
    expect(checkNote('park', '等区里资金', 0, '')).toEqual({ ok: false, message: '请选择复查日期' });
    expect(noteInput('park', '等区里资金', [], '2027-01-15')).toEqual({ move: 'park', input: { reason: '等区里资金', reviewOn: '2027-01-15' } });
    expect(noteInput('update', '已联系物业', [], '')).toEqual({ move: 'update', input: { note: '已联系物业' } });
    expect(defaultReviewDay(NOW)).toBe('2026-12-31');
  });

  test('the rating: solved or not, how satisfied, an optional comment', () => {
    expect(rateInput({ solved: '', satisfaction: '', comment: '' })).toEqual({ ok: false, message: '请选择问题是否已解决' });
    expect(rateInput({ solved: 'no', satisfaction: '', comment: '' })).toEqual({ ok: false, message: '请选择满意程度' });
    expect(rateInput({ solved: 'no', satisfaction: 'basic', comment: '  ' })).toEqual({ ok: true, value: { solved: false, satisfaction: 'basic' } });
    expect(rateInput({ solved: 'yes', satisfaction: 'satisfied', comment: ' 谢谢 ' })).toEqual({ ok: true, value: { solved: true, satisfaction: 'satisfied', comment: '谢谢' } });
  });
});

describe('the workbench and the committee', () => {
  test('whose inbox: my grid, my committee’s community, the street for an admin; nobody else’s', () => {
    const grid = { role: 'gridWorker' as const, communityId: 'c1', gridId: 'g2' };
    const committee = { role: 'committee' as const, communityId: 'c1' };
    expect(inboxQueryFor([grid], {})).toEqual({ scope: 'grid', gridId: 'g2' });
    expect(inboxQueryFor([committee], {})).toEqual({ scope: 'community', communityId: 'c1' });
    expect(inboxQueryFor([grid, committee], { scope: 'community' })).toEqual({ scope: 'community', communityId: 'c1' });
    expect(inboxQueryFor([{ role: 'admin' }], {})).toEqual({ scope: 'street' });
    expect(inboxQueryFor([{ role: 'admin' }], { scope: 'community', communityId: 'c9' })).toEqual({ scope: 'community', communityId: 'c9' });
    expect(inboxQueryFor([{ role: 'volunteer', communityId: 'c1' }], {})).toBeNull();
  });

  const rate = (numerator: number, denominator: number) => ({ numerator, denominator, rate: denominator ? numerator / denominator : null });
  const figures = {
    reported: 15,
    open: 3,
    closed: 10,
    rejected: 1,
    parked: 1,
    unrated: 2,
    response: rate(12, 15),
    onTime: rate(9, 12),
    solved: rate(7, 8),
    satisfied: rate(6, 8),
    basicallySatisfied: 1,
    reopen: rate(1, 11),
    medianDaysToClose: 3.25,
    misses: { grid: 2, community: 1, street: 0 },
  };

  test('every rate with its counts; nothing to count reads 暂无', () => {
    expect(rateText(rate(12, 15))).toBe('80%（12/15）');
    expect(rateText(rate(1, 3))).toBe('33.3%（1/3）');
    expect(rateText(rate(0, 0))).toBe('暂无');
    expect(rateCards(figures).map((c) => [c.name, c.value])).toEqual([
      ['响应率', '80%（12/15）'],
      ['按期办结率', '75%（9/12）'],
      ['解决率', '87.5%（7/8）'],
      ['满意率', '75%（6/8）'],
      ['重办率', '9.1%（1/11）'],
      ['办结用时（中位数）', '3.3 天'],
    ]);
    expect(countsText(figures)).toBe('反映 15 · 在办 3 · 办结 10 · 不予受理 1 · 挂账 1 · 未评价 2');
    expect(missesText(figures)).toBe('超期：网格 2 次 · 居委会 1 次 · 街道 0 次');
  });

  test('the overdue list says where each is now and who missed it; the period is this Shanghai month', () => {
    const board = {
      overdue: [
        {
          id: 'd1',
          kind: 'hazard',
          category: '楼道照明',
          communityId: 'c1',
          grid: '第1微网格',
          building: '2号楼',
          state: 'in_progress',
          level: 'community',
          dueAt: null,
          missedBy: ['grid', 'community'],
        },
      ],
    } as unknown as Dashboard;
    expect(overdueRows(board)).toEqual([{ id: 'd1', title: '楼道照明 · 2号楼', note: '现在在居委会，超期：网格、居委会' }]);
    // 23:30 on 30 November UTC is already 1 December in Shanghai.
    expect(defaultPeriod(Date.parse('2026-11-30T16:30:00Z'))).toEqual({ from: '2026-12-01', to: '2026-12-01' });
  });

  test('a new category is checked before it is sent; stopping one keeps everything else', () => {
    expect(newCategory('c1', ' ', 0, 0)).toEqual({ ok: false, message: '类别名称不能少于 1 个字' });
    expect(newCategory('c1', '电梯故障', 1, 0)).toEqual({ ok: true, change: { communityId: 'c1', name: '电梯故障', kind: 'hazard', deadlineClass: 'urgent' } });
    const c = { id: 'k1', communityId: 'c1', name: '漏水', kind: 'dispute' as const, deadlineClass: 'general' as const, archived: false };
    expect(archiveChange(c, true)).toEqual({ communityId: 'c1', categoryId: 'k1', name: '漏水', kind: 'dispute', deadlineClass: 'general', archived: true });
  });
});
