import { Emulator } from '../../emulator/app';
import { call } from '../helpers/app';
import { Measured, measuredCall } from './activity-fixtures';
import { COMMUNITY, everything } from './neighbourhood';
import { deniedWith, itTriesEveryCell, neighbourhoodApp } from './permission-table';
import { SERVICE_ROWS } from './service-permission-rows';
import { COMMITTEE, PROVIDER, addItem, addSlot, itemFields } from './service-fixtures';

/**
 * Who may do what in `service`: the committee of the community (and admins) manage the catalogue;
 * the provider of the item's unit (or the committee) cancels a slot; only the provider of the unit
 * redeems. Everyone else gets PERMISSION_DENIED and changes nothing. Malformed inputs are refused
 * before anything is written, and each action's database requests are measured.
 */
describe('who may manage and redeem services', () => {
  const app = neighbourhoodApp();
  let emulator: Emulator;
  let item: any;
  beforeAll(async () => {
    emulator = app.emulator;
    item = await addItem(emulator);
  });

  itTriesEveryCell(app, 'service', SERVICE_ROWS, deniedWith(/居委会|提供方|单位/));

  it("a committee member of another community cannot add services to this one, nor this one's partner to theirs", async () => {
    const other = await call(emulator, 'other-committee', 'service', 'createItem', { communityId: 'other-community', fields: itemFields(item.servicePoint.id) });
    expect(other.error.code).toBe('NOT_FOUND');
  });

  const STRANGER = 'o-service-first-caller';
  const refusedInputs: [string, string, unknown, string][] = [
    ['a slot id that is {"$ne": null}', 'book', { slotId: { $ne: null } }, STRANGER],
    ['a booking id that is {"$gt": ""}', 'cancel', { bookingId: { $gt: '' } }, STRANGER],
    ['stars that are {"$gt": 0}', 'rate', { bookingId: 'abc', stars: { $gt: 0 } }, STRANGER],
    ['a location with an operator', 'nearby', { location: { $near: [121, 31] } }, STRANGER],
    ['a booking that names its own owner', 'book', { slotId: 'x', openid: 'demo-resident-1' }, STRANGER],
    ['an item that sets its own rating', 'createItem', { communityId: COMMUNITY, fields: { ...itemFields('p'), ratingSum: 500 } }, COMMITTEE],
    ['an item whose provider is {"$ne": null}', 'createItem', { communityId: COMMUNITY, fields: { ...itemFields('p'), partnerId: { $ne: null } } }, COMMITTEE],
    ['an eligibility that is not a kind', 'createItem', { communityId: COMMUNITY, fields: { ...itemFields('p'), eligibility: { kind: 'vip' } } }, COMMITTEE],
    ['a template at 25:00', 'setSchedule', { itemId: 'x', templates: [{ weekday: 1, startTime: '25:00', capacity: 3 }] }, COMMITTEE],
    ['six stars', 'rate', { bookingId: 'abc', stars: 6 }, STRANGER],
    ['a 201-character comment', 'rate', { bookingId: 'abc', stars: 5, comment: '好'.repeat(201) }, STRANGER],
    ['a radius of 50 km', 'nearby', { location: { type: 'Point', coordinates: [121, 31] }, radiusMetres: 50_000 }, STRANGER],
    ['a redeem code with operators', 'redeem', { itemId: 'x', code: { $regex: '.*' } }, PROVIDER],
  ];
  it.each(refusedInputs)('refuses %s with a Chinese message and writes nothing', async (_story, action, data, as) => {
    const before = everything(emulator);
    const res = await call(emulator, as, 'service', action, data);
    expect(res.ok).toBe(false);
    expect(res.error.code).toBe('INVALID_ARGUMENT');
    expect(res.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(res.error.message).not.toMatch(/Invalid|expected|received|undefined|\$ne|\$gt|zod/i);
    expect(everything(emulator)).toEqual(before);
  });

  it('database requests per action, warm (header x-db-requests): a screen one, a booking, a cancellation and a rating two', async () => {
    const cost: Record<string, number> = {};
    const measure = async (label: string, openid: string, action: string, data: unknown, key?: string): Promise<Measured> => {
      const m = await measuredCall(emulator, openid, 'service', action, data, key);
      if (!m.res.ok) throw new Error(`${action} failed: ${JSON.stringify(m.res.error)}`);
      cost[label] = m.db;
      return m;
    };
    const slotId = await addSlot(emulator, item, { fromNow: 30 * 60_000, capacity: 2 });
    const other = await addSlot(emulator, item, { fromNow: 30 * HOURS, capacity: 2 });
    // Warm: the instance knows the callers (their first call read them), as on any page after the first.
    for (const who of ['demo-resident-5', 'demo-resident-6', PROVIDER]) await measuredCall(emulator, who, 'service', 'mine', {});
    await measure('mine', 'demo-resident-5', 'mine', {});
    await measure('catalogue', 'demo-resident-5', 'catalogue', {});
    await measure('item', 'demo-resident-5', 'item', { itemId: item.id });
    // The item page lists the slots before a booking: the booking need not read its slot again.
    await measure('slots', 'demo-resident-5', 'slots', { itemId: item.id });
    const booked = await measure('book', 'demo-resident-5', 'book', { slotId });
    await measure('book (keyed retry)', 'demo-resident-5', 'book', { slotId }, 'budget-key-0001');
    const toCancel = await measure('book (keyed)', 'demo-resident-6', 'book', { slotId: other }, 'budget-key-0002');
    await measure('cancel', 'demo-resident-6', 'cancel', { bookingId: toCancel.res.data.id });
    await measure('nearby', 'demo-resident-5', 'nearby', { location: { type: 'Point', coordinates: [121.3215, 31.2987] } });
    await measure('redeem', PROVIDER, 'redeem', { itemId: item.id, code: booked.res.data.code });
    await measure('rate', 'demo-resident-5', 'rate', { bookingId: booked.res.data.id, stars: 5 });
    if (process.env.SHOW_DB) console.log(cost);
    expect(cost).toEqual({
      mine: 1,
      catalogue: 1,
      item: 1,
      slots: 1,
      // The conditional take and the insert; the confirmation message goes with the function's timer.
      book: 2,
      'book (keyed)': 2,
      // A retry takes a place again, is refused by the unique key, gives it back and answers the first.
      'book (keyed retry)': 4,
      // The conditional cancel, the place given back (the instance knows the booking's slot: it booked it).
      cancel: 2,
      nearby: 1,
      // The booking (to tell each refusal apart), the conditional redeem.
      redeem: 2,
      // The conditional rating, the item's running sum (the instance saw the booking redeemed).
      rate: 2,
    });
  });
});
const HOURS = 3600_000;
