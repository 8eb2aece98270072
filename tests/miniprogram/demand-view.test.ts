/**
 * The demand pages' pure side, read by residents and handlers: deadlines read as what is left or how
 * late, in Shanghai time; a demand as a row, a ledger line with no text and no names, the timeline and
 * exactly the buttons the function offers.
 */
import type { LedgerLine } from '../../miniprogram/services/demand/types';
import { byDue, demandRow, dueOf, ledgerRow, ratingText, spanText } from '../../miniprogram/services/demand/present';
import { detailView, moveButtons, timelineRows } from '../../miniprogram/packageDemand/pages/demand/view';
import { HOUR, NOW, demand } from './demand-view-fixtures';

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
