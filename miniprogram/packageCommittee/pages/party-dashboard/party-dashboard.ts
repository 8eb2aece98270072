/**
 * 党员服务看板 (committee): active members, wishes waiting and for how long, no-shows, hours by team
 * and by work unit; the year-end file for each work unit (to send to its party branch by 15 January);
 * and the points a verified hour and each kind of task earn.
 */
import { Result, shanghaiYear } from '../../../generated/domain';
import { NO_RETRY, sendOnce } from '../../../services/api/idempotency';
import { elderMode } from '../../../services/display/display';
import { loadEvents } from '../../../utils/page-events/page-events';
import { inMyCommunity } from '../../services/desk';
import { dashboard, pointsSettings, saveSettings, unitReports } from '../../services/party';
import { Figure, PointsForm, fileRows, figures, hoursRows, pointsForm, pointsOf } from './view';

const thisYear = shanghaiYear(new Date());

Page({
  ...loadEvents,
  data: {
    elder: false,
    loading: true,
    loadError: '',
    figures: [] as Figure[],
    byTeam: [] as Figure[],
    byUnit: [] as Figure[],
    years: [thisYear, thisYear - 1],
    yearIndex: 0,
    files: [] as ReturnType<typeof fileRows>,
    filesNote: '',
    points: { perHour: '', wish: '', task: '', shift: '' } as PointsForm,
    busy: false,
    message: '',
    messageKind: '' as 'ok' | 'error' | '',
  },

  communityId: '',
  retry: NO_RETRY,

  onLoad() {
    this.setData({ elder: elderMode() });
    void this.load();
  },

  async load() {
    this.setData({ loading: this.data.figures.length === 0, loadError: '' });
    const got = await inMyCommunity(this, dashboard);
    if (!got.ok) return this.setData({ loading: false, loadError: got.error.message });
    const points = await pointsSettings(this.communityId);
    this.setData({
      loading: false,
      figures: figures(got.data),
      byTeam: hoursRows(got.data.hoursByTeam),
      byUnit: hoursRows(got.data.hoursByWorkUnit),
      ...(points.ok ? { points: pointsForm(points.data) } : {}),
    });
  },

  onYear(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ yearIndex: Number(e.detail.value) || 0, files: [], filesNote: '' });
  },

  async onReports() {
    const year = this.data.years[this.data.yearIndex];
    const made = await this.send(`reports|${year}`, (key) => unitReports(this.communityId, year, key));
    if (made && made.ok) {
      const files = fileRows(made.data.files);
      this.setData({ files, filesNote: files.length ? `已生成 ${year} 年 ${files.length} 个工作单位的年度报告（CSV），请在 1 月 15 日前发给各单位党支部` : `${year} 年还没有报到党员` });
    }
  },

  onPoint(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: keyof PointsForm }>) {
    this.setData({ [`points.${e.currentTarget.dataset.field}`]: e.detail.value, message: '' });
  },

  async onSavePoints() {
    const checked = pointsOf(this.data.points);
    if (!checked.ok) return this.setData({ message: checked.message, messageKind: 'error' });
    const saved = await this.send(JSON.stringify(checked.points), (key) => saveSettings(this.communityId, checked.points, key));
    if (saved && saved.ok) this.setData({ points: pointsForm(saved.data), message: '积分规则已保存，之后核实的服务按新规则计分', messageKind: 'ok' });
  },

  /** A write sent once however often tapped; its answer (a failure is said on the page), or null while another runs. */
  async send<T>(request: string, write: (key: string) => Promise<Result<T>>): Promise<Result<T> | null> {
    if (this.data.busy) return null;
    this.setData({ busy: true, message: '' });
    const { sent, memo } = await sendOnce(this.retry, request, write);
    this.retry = memo;
    this.setData({ busy: false });
    if (!sent.ok) this.setData({ message: sent.error.message, messageKind: 'error' });
    return sent;
  },
});
