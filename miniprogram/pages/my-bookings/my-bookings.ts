/**
 * 我的预约 (from 服务 and 服务详情): my bookings, newest first, 20 a page. A live booking shows its QR
 * (drawn from the booking code by components/qr-code) for the provider to scan, and can be
 * cancelled until its cut-off; a completed one can be rated once, 1–5 stars with an optional
 * comment, and then shows my rating. Booking messages open it with `?booking=`, which marks that
 * booking. Data from services/service; shapes from ./view.
 */
import { elderMode } from '../../services/display/display';
import { Booking, cancelBooking, myBookings, rateBooking } from '../../services/service/service';
import { ListData, listData, listEvents, loadFirst, loadMore } from '../../utils/paged-list/paged-list';
import { BookingRow, bookingRow } from './view';

/** Rows of a page, all timed against one moment (what can still be cancelled). */
function bookingRows(items: Booking[]): BookingRow[] {
  const now = Date.now();
  return items.map((b) => bookingRow(b, now));
}

interface RatingDraft {
  id: string;
  stars: number;
  comment: string;
}

interface BookingsData extends ListData<BookingRow> {
  elder: boolean;
  busy: string;
  /** The booking a subscription message opened this page for (`?booking=`), marked in the list. */
  focusId: string;
  draft: RatingDraft;
  stars: number[];
  message: string;
  messageKind: 'ok' | 'error' | '';
}

const initialData: BookingsData = {
  ...listData<BookingRow>(),
  elder: false,
  busy: '',
  focusId: '',
  draft: { id: '', stars: 0, comment: '' },
  stars: [1, 2, 3, 4, 5],
  message: '',
  messageKind: '',
};

Page({
  data: initialData,
  ...listEvents,

  shown: false,

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ elder: elderMode(), focusId: (query && query.booking) || '' });
    void this.load();
  },

  onShow() {
    if (this.data.elder !== elderMode()) this.setData({ elder: elderMode() });
    // Back from elsewhere (the provider may have scanned meanwhile): show what is true now.
    if (this.shown && !this.data.loading) void this.load();
    this.shown = true;
  },

  load() {
    // Back from elsewhere the rows stay on screen; a failure then is a toast.
    return loadFirst(this, () => myBookings(), bookingRows, { keepRows: true, toastOverRows: true });
  },

  loadMore() {
    return loadMore(this, myBookings, bookingRows);
  },

  /** One booking changed: only its row goes over the bridge. */
  showBooking(b: Booking) {
    const at = this.data.rows.findIndex((r) => r.id === b.id);
    if (at >= 0) this.setData({ [`rows[${at}]`]: bookingRow(b, Date.now()) });
  },

  say(message: string, kind: 'ok' | 'error') {
    this.setData({ message, messageKind: kind });
  },

  onCancel(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    const id = String(e.currentTarget.dataset.id || '');
    const row = this.data.rows.find((r) => r.id === id);
    if (this.data.busy || !row || !row.cancellable) return;
    wx.showModal({
      title: '取消预约',
      content: `确定取消“${row.title}”（${row.time}）的预约吗？`,
      confirmText: '取消预约',
      cancelText: '再想想',
      success: (res) => {
        if (res.confirm) void this.cancel(id);
      },
    });
  },

  async cancel(id: string) {
    this.setData({ busy: id, message: '', messageKind: '' });
    const done = await cancelBooking(id);
    this.setData({ busy: '' });
    if (!done.ok) {
      this.say(done.error.message, 'error');
      return;
    }
    this.showBooking(done.data);
    this.say('已取消预约', 'ok');
  },

  onStar(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string; stars: number | string }>) {
    const id = String(e.currentTarget.dataset.id || '');
    const stars = Number(e.currentTarget.dataset.stars) || 0;
    if (!id || stars < 1 || stars > 5) return;
    const comment = this.data.draft.id === id ? this.data.draft.comment : '';
    this.setData({ draft: { id, stars, comment }, message: '', messageKind: '' });
  },

  onComment(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { id: string }>) {
    const id = String(e.currentTarget.dataset.id || '');
    const stars = this.data.draft.id === id ? this.data.draft.stars : 0;
    this.setData({ draft: { id, stars, comment: e.detail.value } });
  },

  async onRate(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    const id = String(e.currentTarget.dataset.id || '');
    const draft = this.data.draft;
    if (this.data.busy || !id) return;
    if (draft.id !== id || draft.stars < 1) {
      this.say('请先点星星打分（1 到 5 星）', 'error');
      return;
    }
    this.setData({ busy: id, message: '', messageKind: '' });
    const comment = draft.comment.trim().slice(0, 200);
    const done = await rateBooking(id, draft.stars, comment || undefined);
    this.setData({ busy: '' });
    if (!done.ok) {
      this.say(done.error.message, 'error');
      return;
    }
    this.setData({ draft: { id: '', stars: 0, comment: '' } });
    this.showBooking(done.data);
    this.say('谢谢你的评价', 'ok');
  },
});
