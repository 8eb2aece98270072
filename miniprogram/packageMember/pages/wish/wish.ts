/**
 * 微心愿 (from 我的): a resident asks for something small (换灯泡, 学用手机挂号); the committee vets it
 * and publishes it to the party members without the resident's phone or room. Below, my wishes and
 * where each stands; when the member says it is done, 确认已实现 credits their hours, and my
 * household rates the service once (the member never learns who). Logic in ./view and services/member.
 */
import { NO_RETRY, RetryMemo, sendOnce } from '../../../services/api/idempotency';
import { MyWish, myWishes, postWish, rate, verify } from '../../../services/member/member';
import { WishRow, wishRow } from '../../../services/member/present';
import { ListData, listData, listEvents, loadFirst, loadMore } from '../../../utils/paged-list/paged-list';
import { STAR_CHOICES, checkWish } from './view';

type Row = WishRow & { result: string; resultOk: boolean; rated: boolean };
const rows = (items: MyWish[]): Row[] => items.map((w) => ({ ...wishRow(w), result: '', resultOk: false, rated: false }));
type IndexEvent = WechatMiniprogram.BaseEvent<Record<string, never>, { index: number; stars?: number }>;

Page({
  data: { ...listData<Row>(), elder: false, title: '', note: '', posting: false, formError: '', outcome: '', stars: STAR_CHOICES, sending: false } as ListData<Row> & {
    elder: boolean;
    title: string;
    note: string;
    posting: boolean;
    formError: string;
    outcome: string;
    stars: number[];
    sending: boolean;
  },
  ...listEvents,

  retry: NO_RETRY as RetryMemo,

  load() {
    return loadFirst(this, () => myWishes(), rows, { keepRows: true, toastOverRows: true });
  },

  loadMore() {
    return loadMore(this, myWishes, rows);
  },

  onTitle(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ title: e.detail.value, formError: '' });
  },

  onNote(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ note: e.detail.value, formError: '' });
  },

  async onPost() {
    if (this.data.posting) return;
    const checked = checkWish(this.data.title, this.data.note);
    if (!checked.ok) return this.setData({ formError: checked.message });
    this.setData({ posting: true, formError: '', outcome: '' });
    const { sent, memo } = await sendOnce(this.retry, `wish/${checked.title}/${checked.note}`, (key) => postWish(checked.title, checked.note, key));
    this.retry = memo;
    // Refused or lost: what was typed stays, with the reason.
    if (!sent.ok) return this.setData({ posting: false, formError: sent.error.message });
    this.setData({ posting: false, title: '', note: '', outcome: '心愿已提交，居委会审核后发布给党员认领' });
    await this.load();
  },

  /** 确认已实现: the member's service is verified and their hours credited. */
  async onConfirm(e: IndexEvent) {
    const index = Number(e.currentTarget.dataset.index);
    const row = this.data.rows[index];
    if (!row || !row.claimId || this.data.sending) return;
    this.setData({ sending: true, [`rows[${index}].result`]: '' });
    const { sent, memo } = await sendOnce(this.retry, `verify/${row.claimId}`, (key) => verify(row.claimId, key));
    this.retry = memo;
    if (!sent.ok) return this.setData({ sending: false, [`rows[${index}].result`]: sent.error.message, [`rows[${index}].resultOk`]: false });
    this.setData({
      sending: false,
      [`rows[${index}]`]: { ...row, stateText: '已实现', canConfirm: false, canRate: true, result: '已确认，谢谢你！请给这次服务打个分', resultOk: true },
    });
  },

  async onRate(e: IndexEvent) {
    const index = Number(e.currentTarget.dataset.index);
    const stars = Number(e.currentTarget.dataset.stars);
    const row = this.data.rows[index];
    if (!row || !stars || this.data.sending) return;
    this.setData({ sending: true, [`rows[${index}].result`]: '' });
    const { sent, memo } = await sendOnce(this.retry, `rate/${row.id}/${stars}`, (key) => rate(row.id, stars, key));
    this.retry = memo;
    if (!sent.ok) return this.setData({ sending: false, [`rows[${index}].result`]: sent.error.message, [`rows[${index}].resultOk`]: false });
    this.setData({ sending: false, [`rows[${index}].rated`]: true, [`rows[${index}].result`]: `已评价 ${stars} 星，党员看不到是谁评的`, [`rows[${index}].resultOk`]: true });
  },
});
