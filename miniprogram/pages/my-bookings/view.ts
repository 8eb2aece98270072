/** What 我的预约 shows for each booking: its state in words, the QR while live, cancel and rating (pure). */
import { Booking } from '../../services/service/service';
import { shanghaiDateTime } from '../../utils/time';
import { clock } from '../service-item/view';

export interface BookingRow {
  id: string;
  title: string;
  time: string;
  place: string;
  status: Booking['status'];
  /** 已预约 / 已取消 / 已完成. */
  statusText: string;
  /** Who cancelled and why, for a cancelled booking. */
  cancelledText: string;
  /** The booking code the QR is drawn from, while the booking is live. */
  code: string;
  cancellable: boolean;
  cancelHint: string;
  canRate: boolean;
  /** "★★★★★ 5 星" once rated. */
  myStars: string;
  myComment: string;
  /** Said when the comment waits for review and only I see it. */
  commentNote: string;
}

export const STATUS_TEXT: Record<Booking['status'], string> = { booked: '已预约', cancelled: '已取消', completed: '已完成' };

export function starsText(stars: number): string {
  const n = Math.max(0, Math.min(5, Math.round(stars)));
  return `${'★'.repeat(n)}${'☆'.repeat(5 - n)} ${n} 星`;
}

function cancelledText(b: Booking): string {
  if (b.status !== 'cancelled') return '';
  if (b.cancelledBy === 'provider') return b.reason ? `服务方取消了这次服务：${b.reason}` : '服务方取消了这次服务';
  return '你取消了这次预约';
}

export function bookingRow(b: Booking, now: number): BookingRow {
  const live = b.status === 'booked';
  const beforeCutoff = now < Date.parse(b.cancelUntil);
  return {
    id: b.id,
    title: b.itemName,
    time: `${shanghaiDateTime(b.startAt)}–${clock(b.endAt)}`,
    place: b.placeText,
    status: b.status,
    statusText: STATUS_TEXT[b.status],
    cancelledText: cancelledText(b),
    code: live && b.code ? b.code : '',
    cancellable: live && beforeCutoff,
    cancelHint: live ? (beforeCutoff ? `${shanghaiDateTime(b.cancelUntil)} 前可以取消` : '已过取消时间，如不能前往请联系服务点') : '',
    canRate: b.status === 'completed' && b.rating === null,
    myStars: b.rating ? starsText(b.rating.stars) : '',
    myComment: b.rating && b.rating.comment ? b.rating.comment : '',
    commentNote: b.rating && b.rating.comment && !b.rating.commentVisible ? '评价内容正在审核，暂时只有你能看到' : '',
  };
}
