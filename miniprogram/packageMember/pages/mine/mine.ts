/**
 * 我的任务 (from 我的 and 任务大厅): my claims, newest first, filtered by 进行中 / 待核实 / 已完成 /
 * 已结束, each with exactly the moves its state allows: 取消认领 before the start; 扫码签到 and 扫码签退
 * on site with the committee's live code; 提交服务记录 (a note and a photo) for work off site; 换班:
 * the colleague's 换班码 (shown here), then the request sent to them as a chat card, which opens
 * this page at 接受换班. Every tap says what came of it beside its row.
 */
import { NO_RETRY, RetryMemo, sendOnce } from '../../../services/api/idempotency';
import { Claim, ClaimWrite, mine, moveClaim } from '../../../services/member/member';
import { ClaimRow, claimRow } from '../../../services/member/present';
import { imageUploader } from '../../../services/storage/storage';
import { getMe } from '../../../services/user/user';
import { SCAN_FAILED, scanQrCode } from '../../../utils/device/device';
import { ListData, listData, listEvents, loadFirst, loadMore } from '../../../utils/paged-list/paged-list';
import { GROUP_OPTIONS, GroupOption, checkProof, checkSwapCode, groupOf, swapSharePath } from './view';

type Row = ClaimRow & { result: string; resultOk: boolean };
const toRow = (c: Claim, result = '', resultOk = false): Row => ({ ...claimRow(c), result, resultOk });
const rows = (items: Claim[]): Row[] => items.map((c) => toRow(c));

type IndexEvent = WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>;

/** What each move says when it went through. */
const DONE: Record<ClaimWrite, string> = {
  cancel: '已取消认领，名额已让出',
  checkin: '签到成功',
  checkout: '签退成功，服务时长等居委会核实后计入',
  submitProof: '服务记录已提交，等待核实',
  askSwap: '已请对方接班：点“发给对方”把请求发到微信聊天',
  acceptSwap: '你已接下这个班次',
};

Page({
  data: {
    ...listData<Row>(),
    elder: false,
    groups: GROUP_OPTIONS,
    group: 'all' as GroupOption['value'],
    myCode: '',
    swapClaimId: '',
    swapOutcome: '',
    swapOk: false,
    proofIndex: -1,
    proofNote: '',
    images: [] as string[],
    sending: false,
  } as ListData<Row> & {
    elder: boolean;
    groups: GroupOption[];
    group: GroupOption['value'];
    myCode: string;
    swapClaimId: string;
    swapOutcome: string;
    swapOk: boolean;
    proofIndex: number;
    proofNote: string;
    images: string[];
    sending: boolean;
  },
  ...listEvents,

  retry: NO_RETRY as RetryMemo,
  uploads: imageUploader('member'),

  onLoad(query: Record<string, string | undefined>) {
    this.retry = NO_RETRY;
    this.setData({ swapClaimId: query.swap || '' });
    listEvents.onLoad.call(this);
  },

  async load() {
    if (!this.data.myCode) {
      const me = await getMe();
      if (me.ok) {
        this.uploads = imageUploader(`member/${me.data.openid}`);
        this.setData({ myCode: me.data.openid });
      }
    }
    await loadFirst(this, () => mine(), rows, { keepRows: true, toastOverRows: true });
  },

  loadMore() {
    return loadMore(this, mine, rows);
  },

  onGroup(e: WechatMiniprogram.BaseEvent<Record<string, never>, { group: string }>) {
    const group = groupOf(e.currentTarget.dataset.group);
    if (group) this.setData({ group });
  },

  /** One move on the claim of row `index`; the row shows the claim as it now is and what came of it. */
  async move<A extends ClaimWrite>(action: A, index: number, input: Parameters<typeof moveClaim<A>>[2]): Promise<boolean> {
    const row = this.data.rows[index];
    if (!row || this.data.sending) return false;
    this.setData({ sending: true, [`rows[${index}].result`]: '' });
    const { sent, memo } = await sendOnce(this.retry, `${action}/${row.id}/${JSON.stringify(input)}`, (key) => moveClaim(action, row.id, input, key));
    this.retry = memo;
    if (!sent.ok) {
      this.setData({ sending: false, [`rows[${index}].result`]: sent.error.message, [`rows[${index}].resultOk`]: false });
      return false;
    }
    this.setData({ sending: false, [`rows[${index}]`]: toRow(sent.data, DONE[action], true) });
    return true;
  },

  onCancel(e: IndexEvent) {
    void this.move('cancel', Number(e.currentTarget.dataset.index), {});
  },

  onCheckin(e: IndexEvent) {
    void this.scan('checkin', Number(e.currentTarget.dataset.index));
  },

  onCheckout(e: IndexEvent) {
    void this.scan('checkout', Number(e.currentTarget.dataset.index));
  },

  /** The committee's live code at the place, scanned: in on arriving, out on leaving. */
  async scan(action: 'checkin' | 'checkout', index: number) {
    const scanned = await scanQrCode();
    if (scanned.ok) await this.move(action, index, { token: scanned.text });
    else if (!scanned.cancelled) this.setData({ [`rows[${index}].result`]: SCAN_FAILED, [`rows[${index}].resultOk`]: false });
  },

  onProofOpen(e: IndexEvent) {
    this.setData({ proofIndex: Number(e.currentTarget.dataset.index), proofNote: '', images: [] });
  },

  onProofClose() {
    if (!this.data.sending) this.setData({ proofIndex: -1 });
  },

  onProofText(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ proofNote: e.detail.value });
  },

  onImages(e: WechatMiniprogram.CustomEvent<{ images: string[] }>) {
    this.setData({ images: e.detail.images });
  },

  onImagesProblem(e: WechatMiniprogram.CustomEvent<{ message: string }>) {
    const index = this.data.proofIndex;
    if (index >= 0) this.setData({ [`rows[${index}].result`]: e.detail.message, [`rows[${index}].resultOk`]: false });
  },

  /** The note and the photo: refused, everything stays in the panel with the reason. */
  async onProofSubmit() {
    const index = this.data.proofIndex;
    if (index < 0 || this.data.sending) return;
    const checked = checkProof(this.data.proofNote, this.data.images.length);
    if (!checked.ok) return this.setData({ [`rows[${index}].result`]: checked.message, [`rows[${index}].resultOk`]: false });
    this.setData({ sending: true });
    const uploads = await this.uploads.upload(this.data.images);
    this.setData({ sending: false });
    if (!uploads.ok) return this.setData({ [`rows[${index}].result`]: uploads.error.message, [`rows[${index}].resultOk`]: false });
    if (await this.move('submitProof', index, { note: checked.note, photo: uploads.data[0] })) {
      this.uploads.forget();
      this.setData({ proofIndex: -1, proofNote: '', images: [] });
    }
  },

  /** 换班: the colleague's 换班码, typed in WeChat's own dialog. */
  onSwap(e: IndexEvent) {
    const index = Number(e.currentTarget.dataset.index);
    wx.showModal({
      title: '请人接班',
      editable: true,
      placeholderText: '对方的换班码（在对方的“我的任务”里）',
      confirmText: '发出请求',
      success: (res) => {
        if (!res.confirm) return;
        const code = checkSwapCode(res.content || '');
        if (!code.ok) return this.setData({ [`rows[${index}].result`]: code.message, [`rows[${index}].resultOk`]: false });
        void this.move('askSwap', index, { toOpenid: code.openid });
      },
    });
  },

  /** The request as a card in the chat, from 发给对方 under the row. */
  onShareAppMessage(res: { from: string; target?: { dataset?: { id?: string } } }) {
    const id = res.target && res.target.dataset ? res.target.dataset.id : '';
    if (res.from === 'button' && id) return { title: '请你帮我顶一个值守班次', path: swapSharePath(id) };
    return { title: '我的任务', path: '/packageMember/pages/mine/mine' };
  },

  async onAcceptSwap() {
    const claimId = this.data.swapClaimId;
    if (!claimId || this.data.sending) return;
    this.setData({ sending: true, swapOutcome: '' });
    const { sent, memo } = await sendOnce(this.retry, `acceptSwap/${claimId}`, (key) => moveClaim('acceptSwap', claimId, {}, key));
    this.retry = memo;
    this.setData({ sending: false, swapOutcome: sent.ok ? DONE.acceptSwap : sent.error.message, swapOk: sent.ok });
    if (sent.ok) {
      this.setData({ swapClaimId: '' });
      await this.load();
    }
  },

  onHall() {
    wx.navigateTo({ url: '/packageMember/pages/hall/hall' });
  },

  onOpen(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    const id = e.currentTarget.dataset.id;
    if (id) wx.navigateTo({ url: `/packageMember/pages/task/task?id=${encodeURIComponent(id)}` });
  },
});
