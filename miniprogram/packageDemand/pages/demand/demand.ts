/**
 * 诉求详情 (from 我的诉求, the inbox, the dashboard and the notices, `?id=`): the demand, its running
 * deadline and timeline, and exactly the moves the function offers this viewer: the handler's
 * (立案, 不予受理, 合并, 办理, 进展, 办结 with an after-photo, 上报, 转办), the committee's (延期, 挂账,
 * 恢复, and 转为议题 for a 意见建议) and the reporter's (确认 and rate, 重新办理) or a neighbour's 我也遇到. A refusal is said on
 * the page and what was typed stays. Logic in ./view and ./panel.
 */
import { DemandMove, Profile, canManageCommunity, demandPhotoFolder } from '../../../generated/domain';
import { cannotBecomeTopic } from '../../../services/council/from-demand';
import { NO_RETRY, sendOnce } from '../../../services/api/idempotency';
import { Demand, DemandWrite, getDemand, meToo, move, similar } from '../../../services/demand/demand';
import { elderMode } from '../../../services/display/display';
import { imageUploader, imageUrls } from '../../../services/storage/storage';
import { getMe, getTree } from '../../../services/user/user';
import { askReason } from '../../../utils/ask-reason/ask-reason';
import { loadEvents } from '../../../utils/page-events/page-events';
import { NOTE_PANELS, NotePanel, RateDraft, SATISFACTION_CHOICES, SOLVED_CHOICES, checkNote, defaultReviewDay, isNoteMove, noteInput, rateInput } from './panel';
import { DetailView, MoveButton, REASON_PROMPTS, TimelineRow, detailView, fileIdsOf, moveButtons, moveOf, timelineRows, wayOf } from './view';

interface Option {
  id: string;
  name: string;
}

const DONE: Partial<Record<DemandMove, string>> = {
  accept: '已立案受理',
  reject: '已不予受理',
  merge: '已合并',
  assign: '已由你办理',
  update: '进展已更新',
  resolve: '已办结，等待反映人确认',
  confirm: '谢谢你的评价',
  reopen: '已重新办理',
  escalate: '已上报',
  transfer: '已转办',
  extend: '已批准延期',
  park: '已挂账',
  unpark: '已恢复办理',
  meToo: '已记下“我也遇到”',
};

Page({
  ...loadEvents,
  data: {
    elder: false,
    loading: true,
    loadError: '',
    view: null as DetailView | null,
    timeline: [] as TimelineRow[],
    moves: [] as MoveButton[],
    busy: false,
    message: '',
    messageKind: '' as 'ok' | 'error' | '',
    /** The open panel: a note form, the rating, or a list to choose from. */
    panel: '' as '' | 'note' | 'rate' | 'merge' | 'transfer',
    note: null as NotePanel | null,
    noteText: '',
    images: [] as string[],
    reviewOn: '',
    solvedChoices: SOLVED_CHOICES.map((c) => ({ value: c.value ? 'yes' : 'no', name: c.name })),
    satisfactionChoices: SATISFACTION_CHOICES,
    rate: { solved: '', satisfaction: '', comment: '' } as RateDraft,
    options: [] as Option[],
    /** The committee may put this 意见建议 to a consultation body (转为议题). */
    toTopic: false,
  },

  demandId: '',
  demand: null as Demand | null,
  me: null as Profile | null,
  uploads: imageUploader('demand'),
  retry: NO_RETRY,

  onLoad(query: Record<string, string | undefined>) {
    this.demandId = (query && query.id) || '';
    this.retry = NO_RETRY;
    this.setData({ elder: elderMode() });
    void this.load();
  },

  async load() {
    this.setData({ loading: !this.data.view, loadError: '' });
    const [got, me] = await Promise.all([getDemand(this.demandId), getMe()]);
    if (!got.ok) return this.setData({ loading: false, loadError: got.error.message });
    if (me.ok) this.uploads = imageUploader(demandPhotoFolder(me.data.openid));
    if (me.ok) this.me = me.data;
    await this.show(got.data);
    this.setData({ loading: false });
  },

  async show(d: Demand) {
    this.demand = d;
    const ids = fileIdsOf(d);
    const urls = await imageUrls(ids);
    const byId = new Map(ids.map((id, i) => [id, urls[i]]));
    const urlOf = (id: string) => byId.get(id) || id;
    this.setData({
      view: detailView(d, Date.now(), urlOf),
      timeline: timelineRows(d, urlOf),
      moves: moveButtons(d.can),
      toTopic: Boolean(this.me && canManageCommunity(this.me.roles, d.communityId)) && !cannotBecomeTopic(d),
    });
  },

  onToTopic() {
    wx.navigateTo({ url: `/packageCouncil/pages/from-demand/from-demand?demandId=${encodeURIComponent(this.demandId)}` });
  },

  say(message: string, kind: 'ok' | 'error') {
    this.setData({ message, messageKind: kind });
  },

  async onMove(e: WechatMiniprogram.BaseEvent<Record<string, never>, { move: string }>) {
    const m = moveOf(e.currentTarget.dataset.move);
    const d = this.demand;
    if (!m || !d || this.data.busy) return;
    this.setData({ message: '', messageKind: '' });
    const way = wayOf(m);
    if (m === 'meToo') return this.follow();
    if (way === 'now') return this.send(m, {});
    if (way === 'reason') {
      const reason = await askReason({ ...REASON_PROMPTS[m]!, tooShort: '理由至少 2 个字', onTooShort: (msg) => this.say(msg, 'error') });
      if (reason) await this.send(m, { reason });
      return;
    }
    if (way === 'rate') return this.setData({ panel: 'rate' });
    if (isNoteMove(m)) return this.setData({ panel: 'note', note: NOTE_PANELS[m], noteText: '', images: [], reviewOn: m === 'park' ? defaultReviewDay(Date.now()) : '' });
    if (way === 'merge') return this.chooseMerge(d);
    if (way === 'transfer') return this.chooseGrid(d);
  },

  /** Duplicates to merge into: the open demands of the same category nearby, not this one. */
  async chooseMerge(d: Demand) {
    const like = await similar(d.category.id, d.building ? d.building.id : undefined);
    if (!like.ok) return this.say(like.error.message, 'error');
    const options = like.data.items.filter((s) => s.id !== d.id).map((s) => ({ id: s.id, name: `${s.category}${s.building ? ` · ${s.building}` : ''}（${s.createdAt.slice(0, 10)}）` }));
    if (options.length === 0) return this.say('附近没有同类的未办结诉求可以合并', 'error');
    this.setData({ panel: 'merge', options });
  },

  async chooseGrid(d: Demand) {
    const tree = await getTree(d.communityId);
    if (!tree.ok) return this.say(tree.error.message, 'error');
    const options = tree.data.units.filter((u) => u.kind === 'grid' && !u.archived && u.id !== d.grid.id).map((u) => ({ id: u.id, name: u.name }));
    if (options.length === 0) return this.say('这个居民区没有其他网格', 'error');
    this.setData({ panel: 'transfer', options });
  },

  async onChoose(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    const id = String(e.currentTarget.dataset.id || '');
    if (!id || this.data.busy) return;
    if (this.data.panel === 'merge') return this.send('merge', { into: id });
    const reason = await askReason({ ...REASON_PROMPTS.transfer!, tooShort: '理由至少 2 个字', onTooShort: (msg) => this.say(msg, 'error') });
    if (reason) await this.send('transfer', { gridId: id, reason });
  },

  onClosePanel() {
    this.setData({ panel: '', message: '', messageKind: '' });
  },

  onNoteText(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ noteText: e.detail.value });
  },

  onImages(e: WechatMiniprogram.CustomEvent<{ images: string[] }>) {
    this.setData({ images: e.detail.images });
  },

  onImagesProblem(e: WechatMiniprogram.CustomEvent<{ message: string }>) {
    this.say(e.detail.message, 'error');
  },

  onReviewOn(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ reviewOn: e.detail.value });
  },

  async onSubmitNote() {
    const panel = this.data.note;
    if (!panel || this.data.busy) return;
    const checked = checkNote(panel.move, this.data.noteText, this.data.images.length, this.data.reviewOn);
    if (!checked.ok) return this.say(checked.message, 'error');
    this.setData({ busy: true, message: '', messageKind: '' });
    const uploads = await this.uploads.upload(panel.photos ? this.data.images : []);
    this.setData({ busy: false });
    if (!uploads.ok) return this.say(uploads.error.message, 'error');
    const made = noteInput(panel.move, checked.value, uploads.data, this.data.reviewOn);
    if (await this.send(made.move, made.input)) this.uploads.forget();
  },

  onRateChoice(e: WechatMiniprogram.BaseEvent<Record<string, never>, { field: 'solved' | 'satisfaction'; value: string }>) {
    const { field, value } = e.currentTarget.dataset;
    if (field === 'solved' || field === 'satisfaction') this.setData({ [`rate.${field}`]: value, message: '' });
  },

  onRateComment(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ 'rate.comment': e.detail.value });
  },

  async onSubmitRate() {
    const checked = rateInput(this.data.rate);
    if (!checked.ok) return this.say(checked.message, 'error');
    await this.send('confirm', checked.value);
  },

  async follow() {
    this.setData({ busy: true });
    const { sent, memo } = await sendOnce(this.retry, `meToo/${this.demandId}`, (key) => meToo(this.demandId, key));
    this.retry = memo;
    this.setData({ busy: false });
    if (!sent.ok) return this.say(sent.error.message, 'error');
    await this.load();
    this.say(DONE.meToo!, 'ok');
  },

  /** One move; true when the function took it. The panel and what was typed stay on a refusal. */
  async send(m: DemandWrite, input: Record<string, unknown>): Promise<boolean> {
    this.setData({ busy: true, message: '', messageKind: '' });
    const request = `${m}/${this.demandId}/${JSON.stringify(input)}`;
    // Each move's input is built for it above (the panels and dialogs); `move` pairs them by name.
    const { sent, memo } = await sendOnce(this.retry, request, (key) => move(m, this.demandId, input as never, key));
    this.retry = memo;
    if (!sent.ok) {
      this.setData({ busy: false });
      this.say(sent.error.message, 'error');
      return false;
    }
    await this.show(sent.data);
    this.setData({ busy: false, panel: '', note: null, noteText: '', images: [], rate: { solved: '', satisfaction: '', comment: '' } });
    this.say(DONE[m] || '已完成', 'ok');
    return true;
  },

  onPreview(e: WechatMiniprogram.BaseEvent<Record<string, never>, { url: string; urls: string[] }>) {
    const { url, urls } = e.currentTarget.dataset;
    wx.previewImage({ current: url, urls: Array.isArray(urls) ? urls : [url] });
  },
});
