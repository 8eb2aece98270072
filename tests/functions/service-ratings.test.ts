import { Emulator } from '../../emulator/app';
import { call, startApp } from '../helpers/app';
import { measuredCall } from './activity-fixtures';
import { COMMUNITY, okCall } from './neighbourhood';
import { HOSPITAL, HOUR, PROVIDER, addItem, addSlot, bookingDocs, slotDoc } from './service-fixtures';

/**
 * What a rating and a cancellation leave behind, with no transaction: the provider's and the item's
 * figures always equal a recount of the rated bookings (taps at once count once; a call that died
 * between its two writes is repaired by the service's timer), and a cancellation gives its place
 * back exactly once.
 */
const MINUTE = 60_000;

describe('ratings and cancellations without a transaction', () => {
  let emulator: Emulator;
  let item: any;
  let otherItem: any;
  const redeemed = async (openid: string, of = item) => {
    const booking = await okCall(emulator, openid, 'service', 'book', { slotId: await addSlot(emulator, of, { fromNow: 30 * MINUTE }) });
    await okCall(emulator, PROVIDER, 'service', 'redeem', { itemId: of.id, code: booking.code });
    return booking;
  };
  /** The figures counted from the rated bookings, of an item or a provider. */
  const recount = (query: Record<string, unknown>) => {
    const rated = bookingDocs(emulator, query).filter((b) => b.rating);
    return { sum: rated.reduce((n, b) => n + b.rating.stars, 0), count: rated.length };
  };
  const itemFigures = (id: string) => {
    const doc = emulator.db.find('service_items', { _id: id })[0] as any;
    return { sum: doc.ratingSum, count: doc.ratingCount };
  };
  const itemDoc = (id: string) => emulator.db.find('service_items', { _id: id })[0] as any;
  const setItem = (id: string, fields: Record<string, unknown>) => emulator.db.update('service_items', { _id: id }, { $set: fields }, { multi: false, merge: true, upsert: false });
  /** A rating written on a booking straight into the store, as a call that has not moved its item yet. */
  const setRating = (id: string, r: { stars: number; at: Date }) =>
    emulator.db.update('bookings', { _id: id }, { $set: { rating: { ...r, comment: null, commentVisible: true } } }, { multi: false, merge: true, upsert: false });
  /** The recount job fired alone, at that time: its result. */
  const recountAt = async (at: number) => ((await emulator.host.fireTimer('service', 'recountItemRatings', new Date(at))) as any).result;
  const average = ({ sum, count }: { sum: number; count: number }) => ({ average: count > 0 ? Math.round((sum / count) * 10) / 10 : null, count });
  const threeRatingsOfHospital = async () => {
    const read = await okCall(emulator, 'demo-resident-1', 'council', 'threeRatings', { communityId: COMMUNITY, year: new Date().getFullYear() });
    const line = read.providers.find((p: any) => p.id === HOSPITAL);
    return { average: line.average, count: line.count };
  };

  beforeAll(async () => {
    emulator = await startApp();
    item = await addItem(emulator, { name: '中医把脉' });
    otherItem = await addItem(emulator, { name: '健康咨询', servicePointId: item.servicePoint.id });
  });
  afterAll(() => emulator.close());

  it('ten taps at once rate once; the item and its provider (on the menu and in 三评) count exactly the rated bookings', async () => {
    const a = await redeemed('demo-resident-1');
    const b = await redeemed('demo-resident-2', otherItem);
    const taps = await Promise.all(Array.from({ length: 10 }, (_, i) => call(emulator, 'demo-resident-1', 'service', 'rate', { bookingId: a.id, stars: 1 + (i % 5) })));
    expect(taps.filter((t) => t.ok)).toHaveLength(1);
    expect(taps.filter((t) => !t.ok).every((t) => t.error.code === 'CONFLICT')).toBe(true);
    await okCall(emulator, 'demo-resident-2', 'service', 'rate', { bookingId: b.id, stars: 2 });
    expect(itemFigures(item.id)).toEqual(recount({ itemId: item.id }));
    expect(itemFigures(otherItem.id)).toEqual({ sum: 2, count: 1 });
    const provider = average(recount({ partnerId: HOSPITAL }));
    expect(provider.count).toBe(2);
    const shown = await okCall(emulator, 'demo-resident-3', 'service', 'item', { itemId: otherItem.id });
    expect(shown.provider.rating).toEqual(provider);
    expect(shown.rating).toEqual({ average: 2, count: 1 });
    expect(await threeRatingsOfHospital()).toEqual(provider);
  });

  it('a rating whose call died before the item moved is counted by the timer once the call is surely over, while a call still between its writes adds its own', async () => {
    const booking = await redeemed('demo-resident-3');
    const before = itemFigures(item.id);
    const recent = itemDoc(item.id).recentRatings ?? [];
    await okCall(emulator, 'demo-resident-3', 'service', 'rate', { bookingId: booking.id, stars: 5 });
    // As if the call had stopped after writing the rating: the item never moved.
    await setItem(item.id, { ratingSum: before.sum, ratingCount: before.count, recentRatings: recent });
    const at = Date.now();
    // Under two minutes later the call may still be between its writes: the item waits.
    expect(await recountAt(at + MINUTE)).toEqual({ ok: true, data: { corrected: 0 } });
    expect(itemFigures(item.id)).toEqual(before);
    // Another rating of the item, written a moment before the next run (its call still between its
    // writes): the dead one is counted, this one is left to its own call.
    const inFlight = await redeemed('demo-resident-8');
    await setRating(inFlight.id, { stars: 3, at: new Date(at + 2.5 * MINUTE) });
    expect(await recountAt(at + 3 * MINUTE)).toEqual({ ok: true, data: { corrected: 1 } });
    expect(itemFigures(item.id)).toEqual({ sum: before.sum + 5, count: before.count + 1 });
    // That call died too: once it is surely over, it is counted.
    expect(await recountAt(at + 5 * MINUTE)).toEqual({ ok: true, data: { corrected: 1 } });
    expect(itemFigures(item.id)).toEqual(recount({ itemId: item.id }));
    expect(itemFigures(item.id).count).toBe(before.count + 2);
    expect(await threeRatingsOfHospital()).toEqual(average(recount({ partnerId: HOSPITAL })));
    // Nothing is off any more: the next run corrects nothing.
    expect(await recountAt(at + 6 * MINUTE)).toEqual({ ok: true, data: { corrected: 0 } });
  });

  it('an item rated every minute is repaired too: the ratings of the last two minutes it holds are set aside, and a call between its writes adds its own', async () => {
    const busy = await addItem(emulator, { name: '理发', servicePointId: item.servicePoint.id });
    const dead = await redeemed('demo-resident-11', busy);
    const done = await redeemed('demo-resident-12', busy);
    const inFlight = await redeemed('demo-resident-13', busy);
    const at = Date.now();
    // Rated five minutes ago by a call that stopped before the item moved.
    await setRating(dead.id, { stars: 2, at: new Date(at - 5 * MINUTE) });
    // Rated just now by a call that finished, and by one still between its writes.
    await okCall(emulator, 'demo-resident-12', 'service', 'rate', { bookingId: done.id, stars: 5 });
    await setRating(inFlight.id, { stars: 4, at: new Date(at) });
    // Half a minute later the item has been rated within every two minutes, and is repaired all the same.
    expect(await recountAt(at + 30_000)).toEqual({ ok: true, data: { corrected: 1 } });
    expect(itemFigures(busy.id)).toEqual({ sum: 7, count: 2 });
    // The call in flight ends: the item counts every rating, and a later run has nothing to correct.
    await emulator.db.update('service_items', { _id: busy.id }, { $inc: { ratingSum: 4, ratingCount: 1 } }, { multi: false, merge: true, upsert: false });
    expect(itemFigures(busy.id)).toEqual(recount({ itemId: busy.id }));
    expect(await recountAt(at + 5 * MINUTE)).toEqual({ ok: true, data: { corrected: 0 } });
  });

  it('with more than 200 items rated in the hour, every one is recounted in its turn', async () => {
    const at = Date.now();
    const many = Array.from({ length: 250 }, (_, i) => ({ ...itemDoc(item.id), _id: `${item.id}-many-${i}`, ratingSum: 0, ratingCount: 0, recentRatings: [], ratingsCheckedAt: undefined }));
    await emulator.db.insert('service_items', many);
    const [model] = bookingDocs(emulator, { itemId: item.id, status: 'completed' });
    // Each rated ten minutes ago by a call that stopped before its item moved.
    const rated = many.map((m, i) => ({
      ...model,
      _id: `${model._id}-many-${i}`,
      itemId: m._id,
      // A slot of its own, none of the service's: these copies hold no place anywhere.
      slotId: `many-${i}`,
      liveKey: `dead|${model._id}-many-${i}`,
      rating: { stars: 1 + (i % 5), comment: null, commentVisible: true, at: new Date(at - 10 * MINUTE) },
    }));
    await emulator.db.insert('bookings', rated);
    const off = () => many.filter((m) => itemFigures(m._id).count !== 1).length;
    // Each run recounts at most 200, those recounted longest ago first: the runs reach them all.
    for (let run = 1; run <= 10 && off() > 0; run++) await recountAt(at + run * MINUTE);
    expect(off()).toBe(0);
    expect(many.every((m, i) => itemFigures(m._id).sum === 1 + (i % 5))).toBe(true);
  });

  it('ten taps at once cancel once: the place goes back once, and every tap answers the cancelled booking', async () => {
    const slotId = await addSlot(emulator, item, { fromNow: 48 * HOUR, capacity: 3 });
    const booking = await okCall(emulator, 'demo-resident-4', 'service', 'book', { slotId });
    await okCall(emulator, 'demo-resident-5', 'service', 'book', { slotId });
    const taps = await Promise.all(Array.from({ length: 10 }, () => call(emulator, 'demo-resident-4', 'service', 'cancel', { bookingId: booking.id })));
    expect(taps.every((t) => t.ok && t.data.status === 'cancelled' && t.data.slotId === slotId)).toBe(true);
    expect(slotDoc(emulator, slotId)).toMatchObject({ booked: 1, seatsLeft: 2 });
    // When it was cancelled, for the slot reconciler should a call die before giving the place back.
    expect(bookingDocs(emulator, { _id: booking.id })[0].cancelledAt).toBeInstanceOf(Date);
  });

  it('a cancellation that died before giving its place back, on a slot unmoved for hours, is repaired by the timer once the call is surely over', async () => {
    const slotId = await addSlot(emulator, item, { fromNow: 48 * HOUR, capacity: 3 });
    const booking = await okCall(emulator, 'demo-resident-14', 'service', 'book', { slotId });
    await okCall(emulator, 'demo-resident-15', 'service', 'book', { slotId });
    const slotChanged = new Date(Date.now() - 3 * HOUR);
    await emulator.db.update('service_slots', { _id: slotId }, { $set: { updatedAt: slotChanged } }, { multi: false, merge: true, upsert: false });
    // As if the call had stopped after its write: the booking is cancelled, its place not given back.
    const at = Date.now();
    const cancelled = { status: 'cancelled', cancelledBy: 'resident', liveKey: `dead|${booking.id}`, cancelledAt: new Date(at), updatedAt: new Date(at) };
    await emulator.db.update('bookings', { _id: booking.id }, { $set: cancelled }, { multi: false, merge: true, upsert: false });
    const reconcileAt = async (when: number) => ((await emulator.host.fireTimer('service', 'reconcileSlots', new Date(when))) as any).result;
    // Under two minutes later the call may still be between its writes: the slot waits.
    expect(await reconcileAt(at + MINUTE)).toEqual({ ok: true, data: { corrected: 0 } });
    expect(slotDoc(emulator, slotId)).toMatchObject({ booked: 2, seatsLeft: 1, updatedAt: slotChanged });
    // Then the cancelled booking leads the timer to its slot, which is recounted once.
    expect(await reconcileAt(at + 3 * MINUTE)).toEqual({ ok: true, data: { corrected: 1 } });
    expect(slotDoc(emulator, slotId)).toMatchObject({ booked: 1, seatsLeft: 2 });
    expect(await reconcileAt(at + 4 * MINUTE)).toEqual({ ok: true, data: { corrected: 0 } });
  });

  it('a booking this instance never saw is cancelled in three requests: the write, then the booking read for its slot and the answer', async () => {
    const slotId = await addSlot(emulator, item, { fromNow: 48 * HOUR, capacity: 2 });
    const booking = await okCall(emulator, 'demo-resident-6', 'service', 'book', { slotId });
    // A copy written straight into the store, as another instance would have booked it.
    const [doc] = bookingDocs(emulator, { _id: booking.id });
    const copy = { ...doc, _id: `${doc._id}x`, openid: 'demo-resident-7', liveKey: `${slotId}|demo-resident-7` };
    await emulator.db.insert('bookings', [copy]);
    await emulator.db.update('service_slots', { _id: slotId }, { $set: { booked: 2, seatsLeft: 0 } }, { multi: false, merge: true, upsert: false });
    // Warm: the instance knows the caller (a screen that reads no booking).
    await okCall(emulator, 'demo-resident-7', 'service', 'catalogue', {});
    const m = await measuredCall(emulator, 'demo-resident-7', 'service', 'cancel', { bookingId: copy._id });
    expect(m.res.data).toMatchObject({ id: copy._id, status: 'cancelled', slotId, itemName: item.name });
    expect(m.db).toBe(3);
    expect(slotDoc(emulator, slotId)).toMatchObject({ booked: 1, seatsLeft: 1 });
  });

  it('a completed booking this instance never saw is rated in three requests: the booking read first, then the two writes', async () => {
    const booking = await redeemed('demo-resident-9');
    // A copy written straight into the store, as another instance would have booked and redeemed it.
    const [doc] = bookingDocs(emulator, { _id: booking.id });
    const copy = { ...doc, _id: `${doc._id}x`, openid: 'demo-resident-10', liveKey: `dead|${doc._id}x` };
    await emulator.db.insert('bookings', [copy]);
    const before = itemFigures(item.id);
    await okCall(emulator, 'demo-resident-10', 'service', 'catalogue', {});
    const m = await measuredCall(emulator, 'demo-resident-10', 'service', 'rate', { bookingId: copy._id, stars: 4 });
    expect(m.res.data).toMatchObject({ id: copy._id, status: 'completed', rating: { stars: 4, comment: null, commentVisible: true } });
    expect(m.db).toBe(3);
    expect(itemFigures(item.id)).toEqual({ sum: before.sum + 4, count: before.count + 1 });
  });
});
