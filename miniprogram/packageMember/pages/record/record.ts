/**
 * 我的服务记录 (from 我的 and 报到): my team and post, and my year: verified hours, points, tasks,
 * wishes fulfilled, residents' ratings (a number and a count, never who), and my 岗位星级 once the
 * committee posted them; this year or the last. It is the year report my work unit receives.
 */
import { elderMode } from '../../../services/display/display';
import { myRegistration, myStars, yearReport } from '../../../services/member/member';
import { RegistrationView, YearCell, registrationView, yearCells } from '../../../services/member/present';
import { loadEvents } from '../../../utils/page-events/page-events';
import { starsMissing, yearOptions } from './view';

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
  },

  onLoad() {
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
    this.setData({ loading: false, status, cells: yearCells(line.data, stars.ok ? stars.data : null) });
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
