/**
 * 服务详情 (from 服务 or 附近服务点, `?id=`): what the service is, who offers it and how they are
 * rated, who may book, until when a booking can be cancelled, where; then the next open slots by
 * day (full ones greyed out; 加载更多), pick one and 预约. The booking with its QR shows right here.
 *
 * Subscription messages: the 预约 tap first asks wx.requestSubscribeMessage for the booking's notices
 * (预约成功 / 即将开始 / 已取消), one dialog for the three, then books.
 */
import { NO_RETRY, sendOnce } from '../../services/api/idempotency';
import { elderMode } from '../../services/display/display';
import { askConsent } from '../../services/notifications/notifications';
import { bookSlot, getItem, getSlots } from '../../services/service/service';
import { BookedView, ItemView, SlotRow, bookedView, itemView, slotRows } from './view';
import { loadEvents } from '../../utils/page-events/page-events';

interface ItemData {
  elder: boolean;
  loading: boolean;
  loadError: string;
  item: ItemView | null;
  slots: SlotRow[];
  slotsError: string;
  nextCursor: string;
  loadingMore: boolean;
  selected: string;
  booking: boolean;
  message: string;
  messageKind: 'ok' | 'error' | '';
  booked: BookedView | null;
}

const initialData: ItemData = {
  elder: false,
  loading: true,
  loadError: '',
  item: null,
  slots: [],
  slotsError: '',
  nextCursor: '',
  loadingMore: false,
  selected: '',
  booking: false,
  message: '',
  messageKind: '',
  booked: null,
};

Page({
  ...loadEvents,
  data: initialData,

  itemId: '',
  /** The key of the last booking that got no answer, reused when the same slot is booked again. */
  retry: NO_RETRY,

  onLoad(query: Record<string, string | undefined>) {
    this.itemId = query.id || '';
    this.setData({ elder: elderMode() });
    void this.load();
  },

  async load() {
    if (!this.itemId) {
      this.setData({ loading: false, loadError: '没有找到这项服务' });
      return;
    }
    this.setData({ loading: this.data.item === null, loadError: '' });
    const [item, slots] = await Promise.all([getItem(this.itemId), getSlots(this.itemId)]);
    if (!item.ok) {
      this.setData({ loading: false, loadError: item.error.message });
      return;
    }
    const rows = slots.ok ? slotRows(slots.data.items) : [];
    const stillThere = rows.some((s) => s.id === this.data.selected && !s.full);
    this.setData({
      loading: false,
      item: itemView(item.data),
      slots: rows,
      slotsError: slots.ok ? '' : slots.error.message,
      nextCursor: slots.ok ? slots.data.nextCursor || '' : '',
      selected: stillThere ? this.data.selected : '',
    });
  },

  onReachBottom() {
    void this.onMoreSlots();
  },

  async onMoreSlots() {
    const cursor = this.data.nextCursor;
    if (!cursor || this.data.loadingMore) return;
    this.setData({ loadingMore: true });
    const page = await getSlots(this.itemId, cursor);
    if (!page.ok) {
      this.setData({ loadingMore: false });
      wx.showToast({ title: page.error.message, icon: 'none' });
      return;
    }
    // Only the new slots (at most a page of 20) go over the bridge.
    const start = this.data.slots.length;
    const last = start > 0 ? this.data.slots[start - 1].day : '';
    const added: Record<string, unknown> = { loadingMore: false, nextCursor: page.data.nextCursor || '' };
    slotRows(page.data.items, last).forEach((row, i) => (added[`slots[${start + i}]`] = row));
    this.setData(added);
  },

  onPick(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    const id = String(e.currentTarget.dataset.id || '');
    const slot = this.data.slots.find((s) => s.id === id);
    if (!slot || slot.full || this.data.booking) return;
    this.setData({ selected: id, message: '', messageKind: '' });
  },

  async onBook() {
    const slotId = this.data.selected;
    if (this.data.booking || !slotId) return;
    // Before any await: WeChat shows the dialog only within the tap. A refusal is no obstacle to booking.
    const consent = askConsent(['bookingConfirmed', 'bookingReminder', 'bookingCancelled']);
    // The same slot after a lost answer: same key, so the server books me once.
    this.setData({ booking: true, message: '', messageKind: '' });
    await consent;
    const { sent, memo } = await sendOnce(this.retry, slotId, (key) => bookSlot(slotId, key));
    this.retry = memo;
    if (!sent.ok) {
      this.setData({ booking: false, message: sent.error.message, messageKind: 'error' });
      return;
    }
    this.setData({ booking: false, selected: '', booked: bookedView(sent.data), message: '预约成功，请按时到服务点出示预约码', messageKind: 'ok' });
    // The places left changed: show the slots as they are now.
    void this.load();
  },

  onMine() {
    wx.navigateTo({ url: '/pages/my-bookings/my-bookings' });
  },
});
