/**
 * 举报处理 (committee): the community's open reports, one row per reported post or comment with
 * what it says, why it was reported and how many times; 隐藏 (with a reason) takes it away from
 * everyone but its author, 恢复 shows it again (or keeps it); either closes its reports and the
 * row leaves the queue. Deleting stays with the author (the function allows nobody else).
 */
import { ListData, listData, listEvents, loadFirst, nextPage } from '../../../utils/paged-list/paged-list';
import { inMyCommunity } from '../../services/desk';
import { Report, hideContent, openReports, restoreContent } from '../../services/moderation';
import { ReportRow, handledText, reportRows } from './view';
import { askReason } from '../../../utils/ask-reason/ask-reason';

interface ReportsData extends ListData<ReportRow> {
  elder: boolean;
  busy: boolean;
  message: string;
}

const initialData: ReportsData = { ...listData<ReportRow>(), elder: false, busy: false, message: '' };

Page({
  data: initialData,
  ...listEvents,

  communityId: '',
  /** Every open report loaded so far; rows group them by what was reported. */
  reports: [] as Report[],

  async load() {
    const items = await loadFirst(this, () => inMyCommunity(this, openReports), reportRows);
    if (items) this.reports = items;
  },

  async loadMore() {
    const page = await nextPage(this, (cursor) => openReports(this.communityId, cursor));
    if (!page) return;
    // A page of 20 reports adds at most 20 rows; known targets only count up.
    this.reports = [...this.reports, ...page.items];
    this.setData({ loadingMore: false, rows: reportRows(this.reports), nextCursor: page.nextCursor || '' });
  },

  rowOf(e: WechatMiniprogram.TouchEvent): ReportRow | undefined {
    const id = String(e.currentTarget.dataset.id || '');
    return this.data.busy ? undefined : this.data.rows.find((r) => r.id === id);
  },

  onHideContent(e: WechatMiniprogram.TouchEvent) {
    const row = this.rowOf(e);
    if (!row) return;
    void askReason({ title: '隐藏理由', placeholder: '写明理由，作者会看到', confirmText: '隐藏', tooShort: '请写明隐藏理由' }).then((reason) => {
      if (reason) void this.handle(row, 'hide', reason);
    });
  },

  onRestore(e: WechatMiniprogram.TouchEvent) {
    const row = this.rowOf(e);
    if (row) void this.handle(row, 'restore');
  },

  async handle(row: ReportRow, action: 'hide' | 'restore', reason = '') {
    this.setData({ busy: true, message: '' });
    const done = action === 'hide' ? await hideContent(row.target, row.id, reason) : await restoreContent(row.target, row.id);
    if (!done.ok) {
      this.setData({ busy: false });
      wx.showToast({ title: done.error.message, icon: 'none' });
      return;
    }
    this.reports = this.reports.filter((r) => r.targetId !== row.id);
    this.setData({ busy: false, rows: this.data.rows.filter((r) => r.id !== row.id), message: handledText(action, done.data.reportsClosed) });
  },
});
