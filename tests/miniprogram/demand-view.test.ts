/**
 * The demand pages' pure side: deadlines read as what is left or how late, in Shanghai time; a
 * demand as a row, a ledger line with no text and no names, the timeline and exactly the buttons
 * the function offers; the forms checked with the function's own schemas before anything is sent;
 * whose inbox the workbench opens; the dashboard's rates with their counts.
 */
import type { Dashboard, Demand, LedgerLine, Similar } from '../../miniprogram/services/demand/types';
import { byDue, demandRow, dueOf, ledgerRow, rateText, ratingText, spanText } from '../../miniprogram/services/demand/present';
import { categoryOptions, checkDraft, reportInput, reporterOf, similarRow } from '../../miniprogram/packageDemand/pages/report/view';
import { detailView, moveButtons, timelineRows } from '../../miniprogram/packageDemand/pages/demand/view';
import { checkNote, defaultReviewDay, noteInput, rateInput } from '../../miniprogram/packageDemand/pages/demand/panel';
import { inboxQueryFor } from '../../miniprogram/packageDemand/pages/inbox/view';
import { countsText, defaultPeriod, missesText, overdueRows, rateCards } from '../../miniprogram/packageCommittee/pages/demands/view';
import { archiveChange, newCategory } from '../../miniprogram/packageCommittee/pages/demand-categories/view';

const HOUR = 3_600_000;
// Tuesday 1 December 2026, 10:00 in Shanghai.
const NOW = Date.parse('2026-12-01T02:00:00Z');

function demand(over: Partial<Demand> = {}): Demand {
  return {
    id: 'd1',
    communityId: 'c1',
    kind: 'dispute',
    category: { id: 'leak', name: '漏水' },
    deadlineClass: 'general',
    text: '楼上卫生间漏水，我家天花板一直在滴水',
    photos: ['cloud://env/demand/o1/a.jpg'],
    building: { id: 'b1', name: '1号楼' },
    grid: { id: 'g1', name: '第1微网格' },
    location: null,
    urgent: false,
    anonymous: false,
    channel: 'app',
    state: 'submitted',
    level: 'grid',
    reporter: { openid: 'o1', displayName: '王秀英', phone: '138****0001' },
    enteredBy: null,
    handler: null,
    dueAt: new Date(NOW + 24 * HOUR).toISOString(),
    dueKind: 'accept',
    overdue: false,
    misses: [],
    reopenedAt: [],
    extended: false,
    parked: null,
    rejectedReason: null,
    duplicateOf: null,
    rating: null,
    closedHow: null,
    meTooCount: 0,
    meToo: false,
    mine: true,
    createdAt: new Date(NOW).toISOString(),
    acceptedAt: null,
    resolvedAt: null,
    closedAt: null,
    timeline: [],
    can: [],
    ...over,
  };
}

describe('deadlines read as what is left or how late', () => {
  test('spans in days, hours and minutes, never below a minute', () => {
    expect(spanText(26 * HOUR + 5 * 60_000)).toBe('1天2小时');
    expect(spanText(3 * HOUR + 20 * 60_000)).toBe('3小时20分');
    expect(spanText(5 * HOUR)).toBe('5小时');
    expect(spanText(12 * 60_000)).toBe('12分钟');
    expect(spanText(10)).toBe('1分钟');
    expect(spanText(-2 * 24 * HOUR)).toBe('2天');
  });

  test('an accept deadline a day away, then an hour late, in Shanghai time', () => {
    const d = demand();
    expect(dueOf(d, NOW + HOUR)).toEqual({ text: '受理期限还剩 23小时', overdue: false, by: '2026年12月2日 10:00 前受理' });
    expect(dueOf(d, NOW + 25 * HOUR)).toMatchObject({ text: '受理已超时 1小时', overdue: true });
    // The function's word that it is overdue stands even when the phone's clock lags.
    expect(dueOf({ ...d, overdue: true }, NOW)).toMatchObject({ overdue: true });
    expect(dueOf(demand({ dueAt: null, dueKind: null }), NOW)).toEqual({ text: '', overdue: false, by: '' });
  });

  test('the inbox puts the overdue first, then the nearest deadline, then those without one', () => {
    const late = demand({ id: 'late', overdue: true, dueAt: new Date(NOW + 5 * HOUR).toISOString() });
    const soon = demand({ id: 'soon', dueAt: new Date(NOW + HOUR).toISOString() });
    const later = demand({ id: 'later', dueAt: new Date(NOW + 9 * HOUR).toISOString() });
    const none = demand({ id: 'none', dueAt: null, dueKind: null });
    expect([none, later, soon, late].sort(byDue).map((d) => d.id)).toEqual(['late', 'soon', 'later', 'none']);
  });
});

describe('rows, the ledger and the detail', () => {
  test('a row says what, where, at which level, and who else met it', () => {
    const row = demandRow(demand({ urgent: true, meTooCount: 2, text: '长'.repeat(60) }), NOW);
    expect(row).toMatchObject({ category: '漏水', kind: '矛盾纠纷', stateText: '待受理', level: '网格', place: '1号楼 · 第1微网格', urgent: true, meToo: '2 位邻居也遇到' });
    expect(row.excerpt).toBe(`${'长'.repeat(40)}…`);
    expect(demandRow(demand({ text: null }), NOW).excerpt).toBe('');
  });

  test('a ledger line: dates, state, on time or not, parked with its reason', () => {
    const line: LedgerLine = {
      id: 'l1',
      kind: 'hazard',
      category: '楼道照明',
      building: '2号楼',
      grid: '第1微网格',
      state: 'parked',
      level: 'community',
      createdAt: '2026-12-01T02:00:00Z',
      acceptedAt: '2026-12-01T03:00:00Z',
      resolvedAt: null,
      closedAt: null,
      onTime: false,
      parked: { reason: '等待区里的维修资金', reviewOn: '2027-01-15' },
      meTooCount: 0,
    };
    expect(ledgerRow(line)).toEqual({
      id: 'l1',
      category: '楼道照明',
      place: '2号楼 · 第1微网格',
      stateText: '挂账',
      reported: '2026年12月1日',
      accepted: '2026年12月1日',
      finished: '',
      onTime: '超期',
      onTimeClass: 'late',
      parked: '挂账：等待区里的维修资金（2027-01-15 复查）',
      meToo: '',
    });
    expect(ledgerRow({ ...line, state: 'closed', onTime: null, parked: null, closedAt: '2026-12-03T02:00:00Z' })).toMatchObject({ onTime: '按期', finished: '2026年12月3日' });
    expect(ledgerRow({ ...line, state: 'accepted', onTime: null, parked: null })).toMatchObject({ onTime: '办理中', onTimeClass: 'running' });
  });

  test('the timeline: who, when, at which level (a rise shows both), the note and the photos', () => {
    const d = demand({
      timeline: [
        {
          at: '2026-12-01T02:00:00Z',
          action: 'report',
          actor: { kind: 'reporter', displayName: '王秀英', openid: 'o1' },
          level: 'grid',
          toLevel: null,
          note: null,
          photos: ['cloud://env/demand/o1/a.jpg'],
          missed: null,
        },
        { at: '2026-12-08T03:01:00Z', action: 'escalate', actor: { kind: 'system', displayName: null, openid: null }, level: 'grid', toLevel: 'community', note: null, photos: [], missed: 'resolve' },
        {
          at: '2026-12-08T05:00:00Z',
          action: 'resolve',
          actor: { kind: 'handler', displayName: null, openid: null },
          level: 'community',
          toLevel: null,
          note: '物业已更换水管接头',
          photos: [],
          missed: null,
        },
      ],
    });
    const rows = timelineRows(d, (id) => `https://img/${id.split('/').pop()}`);
    expect(rows.map((r) => [r.what, r.who, r.level, r.at])).toEqual([
      ['反映', '王秀英', '网格', '2026年12月1日 10:00'],
      ['上报（网格超过办结期限）', '系统', '网格 → 居委会', '2026年12月8日 11:01'],
      ['办结', '工作人员', '居委会', '2026年12月8日 13:00'],
    ]);
    expect(rows[0].photos).toEqual(['https://img/a.jpg']);
    expect(rows[2].note).toBe('物业已更换水管接头');
  });

  test('exactly the moves the function offers, each as a button', () => {
    expect(moveButtons(['accept', 'reject', 'transfer']).map((b) => [b.move, b.text, b.way])).toEqual([
      ['accept', '立案受理', 'now'],
      ['reject', '不予受理', 'reason'],
      ['transfer', '转给其他网格', 'transfer'],
    ]);
    expect(moveButtons([])).toEqual([]);
  });

  test('a dispute hidden from this viewer says so; the misses, the rating and the unrated close read plainly', () => {
    const view = detailView(
      demand({
        text: null,
        reporter: null,
        state: 'closed',
        closedHow: 'unrated',
        rating: null,
        misses: [{ level: 'grid', deadline: 'accept', dueAt: '2026-12-02T02:00:00Z', at: '2026-12-02T02:01:00Z' }],
      }),
      NOW,
      (id) => id,
    );
    expect(view.text).toBe('（矛盾纠纷的内容只有反映人和办理人能看到）');
    expect(view.reporter).toBe('');
    expect(view.misses).toEqual(['网格超过受理期限（2026年12月2日 10:00）']);
    expect(view.closed).toBe('3 天内没有确认，已自动办结（不计入满意）');
    expect(ratingText({ solved: false, satisfaction: 'unsatisfied', comment: null })).toBe('未解决 · 不满意');
  });
});

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
