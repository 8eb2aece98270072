import { Emulator } from '../../emulator/app';
import { call, startApp } from '../helpers/app';
import { COMMUNITY, addPeople, everything, okCall, person } from './neighbourhood';
import { HOUR, PROVIDER, addItem, addSlot, bookingDocs } from './service-fixtures';

/**
 * 核销 and ratings: a provider of the item's co-building unit redeems a resident's code once; a
 * provider of another unit, the code of another service, a used, expired, cancelled or forged code
 * are each refused with their own code. Then the resident rates the service once, and the provider's
 * average and count appear in the catalogue.
 */
const SCHOOL = 'demo-partner-school';
const SCHOOL_PROVIDER = 'school-provider-1';

describe('redeeming booking codes and rating services', () => {
  let emulator: Emulator;
  let item: any;
  let otherItem: any;
  const bookFresh = async (openid: string, fromNow = 30 * 60_000) => okCall(emulator, openid, 'service', 'book', { slotId: await addSlot(emulator, item, { fromNow }) });

  beforeAll(async () => {
    emulator = await startApp();
    await emulator.db.insert('partners', [{ _id: SCHOOL, name: '友邻小学', kind: 'school', communityId: COMMUNITY, createdAt: new Date() }]);
    await addPeople(emulator, [person(SCHOOL_PROVIDER, { roles: [{ role: 'provider', communityId: COMMUNITY, partnerId: SCHOOL }] })]);
    item = await addItem(emulator, { name: '中医把脉' });
    otherItem = await addItem(emulator, { name: '健康咨询', servicePointId: item.servicePoint.id });
  });
  afterAll(() => emulator.close());

  it('the provider of the unit scans the code: completed, once; the second scan is CONFLICT', async () => {
    const booking = await bookFresh('demo-resident-1');
    const done = await okCall(emulator, PROVIDER, 'service', 'redeem', { itemId: item.id, code: booking.code });
    expect(done).toMatchObject({ id: booking.id, status: 'completed', code: null, redeemedAt: expect.any(String) });
    expect((await call(emulator, PROVIDER, 'service', 'redeem', { itemId: item.id, code: booking.code })).error).toEqual({ code: 'CONFLICT', message: '这个预约码已经核销过了' });
  });

  it('ten scans of one code at once: exactly one completes it', async () => {
    const booking = await bookFresh('demo-resident-2');
    const answers = await Promise.all(Array.from({ length: 10 }, () => call(emulator, PROVIDER, 'service', 'redeem', { itemId: item.id, code: booking.code })));
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok).every((a) => a.error.code === 'CONFLICT')).toBe(true);
  });

  it('every wrong scan has its own code, and changes nothing', async () => {
    const booking = await bookFresh('demo-resident-3');
    const cancelled = await bookFresh('demo-resident-3', 5 * HOUR);
    await okCall(emulator, 'demo-resident-3', 'service', 'cancel', { bookingId: cancelled.id });
    const expired = await bookFresh('demo-resident-4');
    await emulator.db.update('bookings', { _id: expired.id }, { $set: { endAt: new Date(Date.now() - 3 * HOUR) } }, { multi: false, merge: true, upsert: false });
    const forged = booking.code.slice(0, 12) + (booking.code[12] === 'A' ? 'B' : 'A') + booking.code.slice(13);
    const before = everything(emulator);
    const refusal = async (as: string, itemId: string, code: string) => (await call(emulator, as, 'service', 'redeem', { itemId, code })).error;
    expect(await refusal(SCHOOL_PROVIDER, item.id, booking.code)).toEqual({ code: 'PERMISSION_DENIED', message: '这不是你们单位的服务预约，不能核销' });
    expect(await refusal('demo-resident-5', item.id, booking.code)).toEqual({ code: 'PERMISSION_DENIED', message: '只有服务提供方可以核销预约' });
    expect(await refusal('demo-committee', item.id, booking.code)).toMatchObject({ code: 'PERMISSION_DENIED' });
    expect(await refusal(PROVIDER, otherItem.id, booking.code)).toEqual({ code: 'NOT_FOUND', message: '这是“中医把脉”的预约码，不是本服务的' });
    expect(await refusal(PROVIDER, item.id, forged)).toEqual({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('预约码无效') });
    expect(await refusal(PROVIDER, item.id, 'A'.repeat(30))).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(await refusal(PROVIDER, item.id, expired.code)).toEqual({ code: 'FAILED_PRECONDITION', message: '这个预约码已过期：预约的时段已经结束' });
    expect(await refusal(PROVIDER, item.id, (await okCall(emulator, 'demo-resident-3', 'service', 'mine', { status: 'booked' })).items[0].code)).toBeUndefined();
    expect(everything(emulator).bookings.filter((b: any) => b.status === 'completed')).toHaveLength(before.bookings.filter((b: any) => b.status === 'completed').length + 1);
    // A cancelled booking has no code any more; its old code is refused as cancelled.
    const { mintBookingCode } = await import('../../server/booking-code');
    const { DEV_CHECKIN_SECRET } = await import('../../server/checkin-token');
    expect(await refusal(PROVIDER, item.id, mintBookingCode(cancelled.id, DEV_CHECKIN_SECRET))).toEqual({ code: 'FAILED_PRECONDITION', message: '这个预约已取消，不能核销' });
  });

  it("the resident rates a completed service once; the provider's average and count show in the catalogue", async () => {
    const first = await bookFresh('demo-resident-6');
    const second = await bookFresh('demo-resident-7');
    expect((await call(emulator, 'demo-resident-6', 'service', 'rate', { bookingId: first.id, stars: 5 })).error).toEqual({ code: 'FAILED_PRECONDITION', message: '服务完成（核销）后才能评价' });
    await okCall(emulator, PROVIDER, 'service', 'redeem', { itemId: item.id, code: first.code });
    await okCall(emulator, PROVIDER, 'service', 'redeem', { itemId: item.id, code: second.code });
    expect((await call(emulator, 'demo-resident-8', 'service', 'rate', { bookingId: first.id, stars: 1 })).error.code).toBe('NOT_FOUND');
    const rated = await okCall(emulator, 'demo-resident-6', 'service', 'rate', { bookingId: first.id, stars: 5, comment: '医生很耐心，讲解清楚' });
    expect(rated.rating).toEqual({ stars: 5, comment: '医生很耐心，讲解清楚', commentVisible: true });
    const twice = await Promise.all([1, 2, 3].map(() => call(emulator, 'demo-resident-6', 'service', 'rate', { bookingId: first.id, stars: 1 })));
    expect(twice.every((r) => r.error?.code === 'CONFLICT')).toBe(true);
    await okCall(emulator, 'demo-resident-7', 'service', 'rate', { bookingId: second.id, stars: 2 });
    const menu = await okCall(emulator, 'demo-resident-1', 'service', 'catalogue', {});
    const shown = menu.items.find((i: any) => i.id === item.id);
    expect(shown.provider.rating).toEqual({ average: 3.5, count: 2 });
    expect(shown.rating).toEqual({ average: 3.5, count: 2 });
    expect(menu.items.find((i: any) => i.id === otherItem.id).provider.rating).toEqual({ average: 3.5, count: 2 });
  });

  it('a comment is checked like a post: risky is refused with nothing written; one held for review is kept but not shown', async () => {
    const risky = await bookFresh('demo-resident-9');
    const review = await bookFresh('demo-resident-10');
    await okCall(emulator, PROVIDER, 'service', 'redeem', { itemId: item.id, code: risky.code });
    await okCall(emulator, PROVIDER, 'service', 'redeem', { itemId: item.id, code: review.code });
    const partnerBefore = emulator.db.find('partners', { _id: 'demo-partner-hospital' })[0];
    const refused = await call(emulator, 'demo-resident-9', 'service', 'rate', { bookingId: risky.id, stars: 1, comment: '这里有人组织赌博' });
    expect(refused.ok).toBe(false);
    expect(refused.error.code).toBe('INVALID_ARGUMENT');
    expect(bookingDocs(emulator, { _id: risky.id })[0].rating).toBeNull();
    expect(emulator.db.find('partners', { _id: 'demo-partner-hospital' })[0]).toEqual(partnerBefore);
    const held = await okCall(emulator, 'demo-resident-10', 'service', 'rate', { bookingId: review.id, stars: 4, comment: '想了解更多可以加微信' });
    expect(held.rating).toEqual({ stars: 4, comment: '想了解更多可以加微信', commentVisible: false });
  });
});
