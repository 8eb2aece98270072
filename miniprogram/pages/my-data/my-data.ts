/**
 * 我的数据: everything the product holds about me, by kind, with counts and records (PIPL: the
 * right to see and copy). 导出全部数据 writes it all to a private JSON file and copies its link
 * (valid 10 minutes), after the privacy agreement (the clipboard is a privacy API). 注销账号 asks
 * what becomes of my posts, says what deleting does, and deletes after a second yes: the account
 * stops at once and the page says by when everything is erased.
 */
import { elderMode } from '../../services/display/display';
import { ensurePrivacyAgreed } from '../../services/privacy/privacy';
import { deleteAccount, exportMine } from '../../services/user/user';
import { loadEvents } from '../../utils/page-events/page-events';
import { shanghaiDateTime } from '../../utils/time';
import { POST_CHOICES, SectionView, deletionWarning, sectionsView } from './view';

interface MyDataData {
  loading: boolean;
  loadError: string;
  elder: boolean;
  sections: SectionView[];
  exporting: boolean;
  exportNote: string;
  exportUrl: string;
  deleting: boolean;
  deleteError: string;
}

const initialData: MyDataData = { loading: true, loadError: '', elder: false, sections: [], exporting: false, exportNote: '', exportUrl: '', deleting: false, deleteError: '' };

/** wx.showActionSheet / wx.showModal as promises: the tapped index (or -1), and yes or no. */
const choose = (itemList: string[]) => new Promise<number>((resolve) => wx.showActionSheet({ itemList, success: (r) => resolve(r.tapIndex), fail: () => resolve(-1) }));
const confirm = (title: string, content: string) =>
  new Promise<boolean>((resolve) => wx.showModal({ title, content, confirmText: '确认注销', confirmColor: '#C8161D', success: (r) => resolve(r.confirm), fail: () => resolve(false) }));
const tell = (title: string, content: string) =>
  new Promise<void>((resolve) => wx.showModal({ title, content, showCancel: false, confirmText: '知道了', success: () => resolve(), fail: () => resolve() }));

Page({
  ...loadEvents,
  data: initialData,

  onLoad() {
    this.setData({ elder: elderMode() });
    void this.load();
  },

  async load() {
    this.setData({ loading: this.data.sections.length === 0, loadError: '' });
    const res = await exportMine();
    if (!res.ok) {
      this.setData({ loading: false, loadError: res.error.message });
      return;
    }
    this.setData({ loading: false, sections: sectionsView(res.data) });
  },

  async onExport() {
    if (this.data.exporting) return;
    this.setData({ exporting: true, exportNote: '', exportUrl: '' });
    const res = await exportMine(true);
    if (!res.ok || !res.data.file) {
      this.setData({ exporting: false, exportNote: res.ok ? '导出失败，请稍后再试' : res.error.message });
      return;
    }
    const url = res.data.file.url;
    this.setData({ exporting: false, sections: sectionsView(res.data), exportUrl: url, exportNote: '已生成导出文件，链接 10 分钟内有效' });
    // The clipboard is a privacy API: without the agreement the link stays on screen to copy by hand.
    if (!(await ensurePrivacyAgreed())) return;
    wx.setClipboardData({
      data: url,
      success: () => this.setData({ exportNote: '链接已复制，10 分钟内在浏览器打开即可下载' }),
    });
  },

  async onDeleteAccount() {
    if (this.data.deleting) return;
    const index = await choose(POST_CHOICES.map((c) => c.label));
    const choice = POST_CHOICES[index];
    if (!choice) return;
    if (!(await confirm('注销账号', deletionWarning(choice.value)))) return;
    this.setData({ deleting: true, deleteError: '' });
    const res = await deleteAccount(choice.value);
    if (!res.ok) {
      this.setData({ deleting: false, deleteError: res.error.message });
      return;
    }
    this.setData({ deleting: false });
    // The account stops now; the erasure itself runs on the server's schedule, so say by when.
    await tell('注销申请已提交', `账号已停用，你的个人数据将于 ${shanghaiDateTime(res.data.erasedBy)} 前删除完毕。`);
    wx.reLaunch({ url: '/pages/me/me' });
  },
});
