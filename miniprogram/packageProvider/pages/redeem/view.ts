/** What the 扫码核销 page shows: my unit's services, and each outcome of a scan in plain words (pure). */
import { ErrorCode, Role, contract } from '../../../generated/domain';
import { Booking, ServiceItem } from '../../services/provider';
import { timeRange } from '../../../pages/activity-detail/view';

export interface ItemRow {
  id: string;
  name: string;
  place: string;
}

export interface ResultView {
  ok: boolean;
  title: string;
  /** What happened, or what to do about it. */
  detail: string;
  /** The booking that was redeemed: service, time, place. */
  booking: { item: string; time: string; place: string } | null;
}

/** My provider roles: which unit in which community. */
export function providerPlaces(roles: readonly Role[]): { communityId: string; partnerId: string }[] {
  return roles.flatMap((r) => (r.role === 'provider' ? [{ communityId: r.communityId, partnerId: r.partnerId }] : []));
}

/** The items of a catalogue page offered by one of my units. */
export function myItems(items: ServiceItem[], partnerIds: string[]): ItemRow[] {
  return items.filter((i) => partnerIds.includes(i.provider.id)).map((i) => ({ id: i.id, name: i.name, place: i.servicePoint ? i.servicePoint.name : '' }));
}

/** Whether scanned text can be a booking code at all (the contract's own check). */
export function isBookingCode(itemId: string, text: string): boolean {
  return contract.service.redeem.input.safeParse({ itemId, code: text }).success;
}

export function successView(b: Booking): ResultView {
  return {
    ok: true,
    title: '核销成功',
    detail: '服务已完成，居民稍后可以评价这次服务。',
    booking: { item: b.itemName, time: timeRange(b.startAt, b.endAt), place: b.placeText },
  };
}

/** A heading for each refusal; the server's message says exactly which case it is. */
const TITLES: Partial<Record<ErrorCode, string>> = {
  CONFLICT: '这个预约码已经用过了',
  FAILED_PRECONDITION: '这个预约不能核销',
  NOT_FOUND: '不是本服务的预约',
  INVALID_ARGUMENT: '预约码无效',
  PERMISSION_DENIED: '没有核销权限',
  UNAVAILABLE: '网络不给力',
};

export function failureView(error: { code: ErrorCode; message: string }): ResultView {
  return { ok: false, title: TITLES[error.code] || '核销没有成功', detail: error.message, booking: null };
}

/** Scanned something that is not a booking code (a web link, a check-in code, a product barcode). */
export function notACodeView(): ResultView {
  return { ok: false, title: '这不是预约码', detail: '请扫描居民在“我的预约”里出示的预约二维码。', booking: null };
}
