/**
 * 我的服务记录 (from 我的 and 报到): my team and post, and my year: verified hours, points, tasks,
 * wishes fulfilled, residents' ratings (a number and a count, never who), and my 岗位星级 once the
 * committee posted them (and, in their 5 days of 公示, 提出异议 with a reason); this year or the last.
 * It is the year report my work unit receives.
 */
import { NO_RETRY, sendOnce } from '../../../services/api/idempotency';
import { elderMode } from '../../../services/display/display';
import { StarRecord, YearLine, myRegistration, myStars, objectStars, yearReport } from '../../../services/member/member';
import { RegistrationView, YearCell, registrationView, yearCells } from '../../../services/member/present';
import { loadEvents } from '../../../utils/page-events/page-events';
import { checkReason, objectionUntil, starsMissing, yearOptions } from './view';

Page({
  ...loadEvents,
  data: {
    elder: false,
    loading: true,
    loadError: '',
    notMember: false,
    years: [] as number[],
    year: 0,
    status: registrationView(null) as RegistrationView,
    cells: [] as YearCell[],
    /** "2026年12月10日 10:00" while I may object to my posted stars. */
    objectUntil: '',
    objecting: false,
    outcome: '',
    outcomeOk: false,
  },

  line: null as YearLine | null,
  retry: NO_RETRY,

  onLoad() {
    this.retry = NO_RETRY;
    const years = yearOptions(Date.now());
    this.setData({ elder: elderMode(), years, year: years[0] });
    void this.load();
  },

  async load() {
    this.setData({ loading: this.data.cells.length === 0, loadError: '', notMember: false });
    const reg = await myRegistration();
    if (!reg.ok) return this.setData({ loading: false, loadError: reg.error.message });
    const status = registrationView(reg.data);
    if (status.state !== 'approved') return this.setData({ loading: false, status, notMember: true, cells: [] });
    const [line, stars] = await Promise.all([yearReport(this.data.year), myStars(this.data.year)]);
    if (!line.ok) return this.setData({ loading: false, loadError: line.error.message });
    if (!stars.ok && !starsMissing(stars.error.code)) return this.setData({ loading: false, loadError: stars.error.message });
    this.line = line.data;
    this.showStars(stars.ok ? stars.data : null);
    this.setData({ loading: false, status });
  },

  showStars(stars: StarRecord | null) {
    if (this.line) this.setData({ cells: yearCells(this.line, stars), objectUntil: objectionUntil(stars, Date.now()) });
  },

  /** 提出异议: the reason in WeChat's own dialog; the committee scores and posts again. */
  onObject() {
    if (this.data.objecting) return;
    wx.showModal({
      title: '对评星提出异议',
      editable: true,
      placeholderText: '异议的理由',
      confirmText: '提交',
      success: (res) => {
        if (res.confirm) void this.object(res.content || '');
      },
    });
  },

  async object(text: string) {
    const checked = checkReason(text);
    if (!checked.ok) return this.setData({ outcome: checked.message, outcomeOk: false });
    const year = this.data.year;
    this.setData({ objecting: true, outcome: '' });
    const { sent, memo } = await sendOnce(this.retry, `object/${year}/${checked.reason}`, (key) => objectStars(year, checked.reason, key));
    this.retry = memo;
    this.setData({ objecting: false, outcome: sent.ok ? '已提出异议，居委会将重新评定' : sent.error.message, outcomeOk: sent.ok });
    if (sent.ok) this.showStars(sent.data);
  },

  onYear(e: WechatMiniprogram.BaseEvent<Record<string, never>, { year: number }>) {
    const year = Number(e.currentTarget.dataset.year);
    if (!year || year === this.data.year) return;
    this.setData({ year });
    void this.load();
  },

  onRegister() {
    wx.navigateTo({ url: '/packageMember/pages/register/register' });
  },
});
