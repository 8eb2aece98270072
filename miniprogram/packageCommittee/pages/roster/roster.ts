/**
 * 报名名单 (committee, `?id=`): an activity's signups in signup order with status, shift, check-in
 * and check-out times and hours, 20 a page. Phones are masked; 显示完整手机号 asks the functions for
 * full numbers (they record who looked). 导出 CSV makes the whole roster a file: on the phone it is
 * downloaded and opened; the link and the number of rows are shown either way.
 */
import { elderMode } from '../../../services/display/display';
import { ensurePrivacyAgreed } from '../../../services/privacy/privacy';
import { ListData, listData, listEvents, loadFirst, loadMore } from '../../../utils/paged-list/paged-list';
import { ManagedActivity, RosterItem, downloadCsv, exportRoster, getManagedActivity, rosterPage } from '../../services/committee';
import { RosterRow, csvRowCount, rosterRow } from './view';

interface RosterData extends ListData<RosterRow> {
  elder: boolean;
  title: string;
  unmasked: boolean;
  switching: boolean;
  exporting: boolean;
  exportUrl: string;
  exportNote: string;
  exportError: string;
}

const initialData: RosterData = {
  ...listData<RosterRow>(),
  elder: false,
  title: '',
  unmasked: false,
  switching: false,
  exporting: false,
  exportUrl: '',
  exportNote: '',
  exportError: '',
};

Page({
  data: initialData,
  ...listEvents,

  activityId: '',
  activity: null as ManagedActivity | null,

  onLoad(query: Record<string, string | undefined>) {
    this.activityId = query.id || '';
    this.setData({ elder: elderMode() });
    void this.load();
  },

  onShow() {
    if (this.data.elder !== elderMode()) this.setData({ elder: elderMode() });
  },

  rows(items: RosterItem[]): RosterRow[] {
    return items.map((item) => rosterRow(item, this.activity));
  },

  async load() {
    if (!this.activityId) {
      this.setData({ loading: false, loadError: '没有找到这个活动' });
      return;
    }
    const first = async () => {
      const [activity, page] = await Promise.all([getManagedActivity(this.activityId), rosterPage(this.activityId, { unmask: this.data.unmasked })]);
      if (!activity.ok) return activity;
      if (page.ok) {
        this.activity = activity.data;
        this.setData({ title: activity.data.title });
      }
      return page;
    };
    await loadFirst(this, first, (items) => this.rows(items));
  },

  loadMore() {
    return loadMore(
      this,
      (cursor) => rosterPage(this.activityId, { cursor, unmask: this.data.unmasked }),
      (items) => this.rows(items),
    );
  },

  /** Full numbers (recorded by the functions) or masked again; the list starts over from its first page. */
  async onToggleUnmask() {
    if (this.data.switching || this.data.loading) return;
    const unmask = !this.data.unmasked;
    this.setData({ switching: true });
    const page = await rosterPage(this.activityId, { unmask });
    if (!page.ok) {
      this.setData({ switching: false });
      wx.showToast({ title: page.error.message, icon: 'none' });
      return;
    }
    this.setData({ switching: false, unmasked: unmask, rows: this.rows(page.data.items), nextCursor: page.data.nextCursor || '' });
  },

  async onExport() {
    if (this.data.exporting) return;
    this.setData({ exporting: true, exportError: '', exportNote: '', exportUrl: '' });
    const made = await exportRoster(this.activityId, this.data.unmasked);
    if (!made.ok || !made.data.csvUrl) {
      this.setData({ exporting: false, exportError: made.ok ? '导出失败，请稍后重试' : made.error.message });
      return;
    }
    const url = made.data.csvUrl;
    this.setData({ exportUrl: url, exportNote: '名单已生成，链接 10 分钟内有效' });
    const file = await downloadCsv(url);
    if (!file.ok) {
      this.setData({ exporting: false, exportError: file.error.message });
      return;
    }
    this.setData({ exporting: false, exportNote: `共 ${csvRowCount(file.data.text)} 条报名，链接 10 分钟内有效` });
    if (file.data.filePath) this.open(file.data.filePath);
  },

  /** WeChat opens office files, not always CSV: when it cannot, the link is copied to open in a browser. */
  open(filePath: string) {
    wx.openDocument({
      filePath,
      showMenu: true,
      fail: () => void this.onCopyLink(),
    });
  },

  /** The clipboard is a privacy API (剪切板 in the privacy guideline): the agreement comes first; declined, the link stays on screen. */
  async onCopyLink() {
    const url = this.data.exportUrl;
    if (!url) return;
    if (!(await ensurePrivacyAgreed())) return;
    wx.setClipboardData({
      data: url,
      success: () => wx.showToast({ title: '链接已复制，可在浏览器打开', icon: 'none' }),
    });
  },
});
