import { Emulator } from '../../emulator/app';
import { NoticeKind, shanghaiMinute } from '../../domain/notifications';
import { TEMPLATES } from '../../server/subscription-templates';
import { startApp } from '../helpers/app';
import { okCall } from './neighbourhood';
import { HOUR, PROVIDER, addItem, addSlot } from './service-fixtures';

/**
 * Residents hear about their bookings by subscription message, under the activities' consent rules:
 * booking confirmed (by the function's timer within the minute: the booking call only marks it due), a reminder within the hour before the slot (once, however often the timer
 * fires), and the provider cancelling the slot (with the reason). No consent, no message: the
 * outcome is recorded either way.
 */
describe('subscription messages about bookings', () => {
  let emulator: Emulator;
  let item: any;
  beforeAll(async () => {
    emulator = await startApp();
    item = await addItem(emulator, { name: '社区卫生服务中心中医把脉义诊服务（每周二）' });
  });
  afterAll(() => emulator.close());

  async function subscribe(openid: string, kinds: NoticeKind[]): Promise<void> {
    await fetch(`${emulator.url}/emulator/consents`, { method: 'POST', body: JSON.stringify({ openid, results: Object.fromEntries(kinds.map((k) => [TEMPLATES[k].id, 'accept'])) }) });
    await okCall(emulator, openid, 'user', 'recordConsents', { results: Object.fromEntries(kinds.map((k) => [k, 'accept'])) });
  }
  const messages = (openid: string, kind: NoticeKind) => emulator.openApi.outbox().filter((m) => m.touser === openid && m.templateId === TEMPLATES[kind].id);
  const records = (openid: string, kind: NoticeKind) => emulator.db.find('notifications', { openid, kind });

  it('a booking is confirmed by message, once, with the service cut to 20 characters and the time in Shanghai', async () => {
    await subscribe('demo-resident-1', ['bookingConfirmed', 'bookingReminder', 'bookingCancelled']);
    const slotId = await addSlot(emulator, item, { fromNow: 48 * HOUR });
    const booking = await okCall(emulator, 'demo-resident-1', 'service', 'book', { slotId }, 'notify-key-0001');
    await okCall(emulator, 'demo-resident-1', 'service', 'book', { slotId }, 'notify-key-0001');
    expect(messages('demo-resident-1', 'bookingConfirmed')).toHaveLength(0);
    await Promise.all([emulator.host.fireTimer('service', 'confirmBookings'), emulator.host.fireTimer('service', 'confirmBookings')]);
    await emulator.host.fireTimer('service', 'jobs');
    const sent = messages('demo-resident-1', 'bookingConfirmed');
    expect(sent).toHaveLength(1);
    expect(sent[0].page).toBe(`pages/my-bookings/my-bookings?booking=${booking.id}`);
    expect(sent[0].data.thing1.value).toHaveLength(20);
    expect(sent[0].data.time2.value).toBe(shanghaiMinute(new Date(booking.startAt)));
    expect(records('demo-resident-1', 'bookingConfirmed')).toEqual([expect.objectContaining({ status: 'sent', bookingId: booking.id })]);
  });

  it('without consent nothing is sent and the outcome is recorded', async () => {
    const slotId = await addSlot(emulator, item, { fromNow: 48 * HOUR });
    await okCall(emulator, 'demo-resident-2', 'service', 'book', { slotId });
    await emulator.host.fireTimer('service', 'confirmBookings');
    expect(messages('demo-resident-2', 'bookingConfirmed')).toHaveLength(0);
    expect(records('demo-resident-2', 'bookingConfirmed')).toEqual([expect.objectContaining({ status: 'no-consent' })]);
  });

  it('a booking cancelled before the timer ran is never confirmed, and its confirmation is not due any more', async () => {
    await subscribe('demo-resident-6', ['bookingConfirmed']);
    const slotId = await addSlot(emulator, item, { fromNow: 48 * HOUR });
    const booking = await okCall(emulator, 'demo-resident-6', 'service', 'book', { slotId });
    await okCall(emulator, 'demo-resident-6', 'service', 'cancel', { bookingId: booking.id });
    await emulator.host.fireTimer('service', 'confirmBookings');
    expect(messages('demo-resident-6', 'bookingConfirmed')).toHaveLength(0);
    expect(emulator.db.find('bookings', { _id: booking.id })[0].confirmation).toBe('done');
  });

  it('the reminder goes out once for a slot within the hour, however often the timer fires', async () => {
    await subscribe('demo-resident-3', ['bookingReminder', 'bookingReminder']);
    const soon = await addSlot(emulator, item, { fromNow: 30 * 60_000 });
    const later = await addSlot(emulator, item, { fromNow: 5 * HOUR });
    await okCall(emulator, 'demo-resident-3', 'service', 'book', { slotId: soon });
    await okCall(emulator, 'demo-resident-3', 'service', 'book', { slotId: later });
    await emulator.host.fireTimer('service', 'remindBookings');
    await Promise.all([emulator.host.fireTimer('service', 'remindBookings'), emulator.host.fireTimer('service', 'remindBookings')]);
    expect(messages('demo-resident-3', 'bookingReminder')).toHaveLength(1);
    expect(records('demo-resident-3', 'bookingReminder')).toHaveLength(1);
  });

  it('the provider cancels a slot: each booked resident is told once, with the reason', async () => {
    await subscribe('demo-resident-4', ['bookingCancelled']);
    const slotId = await addSlot(emulator, item, { fromNow: 24 * HOUR });
    const booking = await okCall(emulator, 'demo-resident-4', 'service', 'book', { slotId });
    await okCall(emulator, 'demo-resident-5', 'service', 'book', { slotId });
    expect(await okCall(emulator, PROVIDER, 'service', 'cancelSlot', { slotId, reason: '医生临时外出义诊' })).toMatchObject({ cancelledBookings: 2, slot: { status: 'cancelled' } });
    expect(await okCall(emulator, PROVIDER, 'service', 'cancelSlot', { slotId, reason: '医生临时外出义诊' })).toMatchObject({ cancelledBookings: 0 });
    const sent = messages('demo-resident-4', 'bookingCancelled');
    expect(sent).toHaveLength(1);
    expect(sent[0].data.thing3.value).toBe('医生临时外出义诊');
    expect(records('demo-resident-5', 'bookingCancelled')).toEqual([expect.objectContaining({ status: 'no-consent' })]);
    const mine = await okCall(emulator, 'demo-resident-4', 'service', 'mine', {});
    expect(mine.items.find((b: any) => b.id === booking.id)).toMatchObject({ status: 'cancelled', cancelledBy: 'provider', reason: '医生临时外出义诊', code: null });
  });
});
