/**
 * 诉求统计 (from 居委会工作台; an admin without a committee sees the whole street): for a period,
 * the counts and the rates (响应率, 按期办结率, 解决率, 满意率, 重办率, median days to close), the
 * misses by level, the overdue list (a tap opens the demand), and the figures by category and by
 * grid; 导出 CSV makes one row a demand (no text, no names) and opens or copies it.
 */
import { committeeCommunities, isAdmin } from '../../../generated/domain';
import { Dashboard, dashboard } from '../../../services/demand/demand';
import { elderMode } from '../../../services/display/display';
import { loadEvents } from '../../../utils/page-events/page-events';
import { downloadCsv, getMe } from '../../services/committee';
import { csvRowCount } from '../roster/view';
import { BreakdownRow, OverdueRow, RateCard, byCategoryRows, byGridRows, countsText, defaultPeriod, missesText, overdueRows, rateCards } from './view';
import { ensurePrivacyAgreed } from '../../../services/privacy/privacy';

Page({
  ...loadEvents,
  data: {
    elder: false,
    loading: true,
    loadError: '',
    scopeText: '',
    from: '',
    to: '',
    counts: '',
    misses: '',
    rates: [] as RateCard[],
    overdue: [] as OverdueRow[],
    overdueCount: 0,
    byCategory: [] as BreakdownRow[],
    byGrid: [] as BreakdownRow[],
    exporting: false,
    exportNote: '',
    exportError: '',
    exportUrl: '',
  },

  communityId: '',
  scoped: false,

  onLoad() {
    this.setData({ elder: elderMode(), ...defaultPeriod(Date.now()) });
    void this.load();
  },

  /** My committee's community; an admin without one: the street. */
  async scope(): Promise<string | null> {
    if (this.scoped) return this.communityId;
    const me = await getMe();
    if (!me.ok) return null;
    this.communityId = committeeCommunities(me.data.roles)[0] || '';
    if (!this.communityId && !isAdmin(me.data.roles)) return null;
    this.scoped = true;
    this.setData({ scopeText: this.communityId ? (me.data.community && me.data.community.id === this.communityId ? me.data.community.name : '本居民区') : '全街道' });
    return this.communityId;
  },

  async load() {
    this.setData({ loading: this.data.rates.length === 0, loadError: '' });
    const communityId = await this.scope();
    if (communityId === null) return this.setData({ loading: false, loadError: '只有居委会和街道管理员可以查看诉求统计' });
    const got = await dashboard({ from: this.data.from, to: this.data.to }, communityId || undefined);
    if (!got.ok) return this.setData({ loading: false, loadError: got.error.message });
    this.show(got.data);
  },

  show(d: Dashboard) {
    this.setData({
      loading: false,
      counts: countsText(d.totals),
      misses: missesText(d.totals),
      rates: rateCards(d.totals),
      overdue: overdueRows(d),
      overdueCount: d.overdueCount,
      byCategory: byCategoryRows(d),
      byGrid: byGridRows(d),
    });
  },

  onFrom(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ from: e.detail.value });
    void this.load();
  },

  onTo(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ to: e.detail.value });
    void this.load();
  },

  onOpen(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    const id = String(e.currentTarget.dataset.id || '');
    if (id) wx.navigateTo({ url: `/packageDemand/pages/demand/demand?id=${encodeURIComponent(id)}` });
  },

  async onExport() {
    if (this.data.exporting || !this.scoped) return;
    this.setData({ exporting: true, exportError: '', exportNote: '', exportUrl: '' });
    const made = await dashboard({ from: this.data.from, to: this.data.to }, this.communityId || undefined, true);
    if (!made.ok || !made.data.csvUrl) return this.setData({ exporting: false, exportError: made.ok ? '导出失败，请稍后重试' : made.error.message });
    const url = made.data.csvUrl;
    this.setData({ exportUrl: url });
    const file = await downloadCsv(url);
    if (!file.ok) return this.setData({ exporting: false, exportError: file.error.message });
    this.setData({ exporting: false, exportNote: `共 ${csvRowCount(file.data.text)} 件诉求，链接 10 分钟内有效` });
    if (file.data.filePath) wx.openDocument({ filePath: file.data.filePath, showMenu: true, fail: () => this.onCopyLink() });
  },

  /** The clipboard is a privacy API (剪切板 in the privacy guideline): the agreement comes first; declined, the link stays on screen. */
  async onCopyLink() {
    const url = this.data.exportUrl;
    if (!url) return;
    if (!(await ensurePrivacyAgreed())) return;
    wx.setClipboardData({ data: url, success: () => wx.showToast({ title: '链接已复制，可在浏览器打开', icon: 'none' }) });
  },
});
