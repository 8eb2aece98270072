import { Emulator } from '../../emulator/app';
import { COMMUNITY, okCall } from './neighbourhood';
import { Row } from './permission-table';
import { CENTRE, PROVIDER, addItem, addSlot } from './service-fixtures';

/**
 * A resident's actions that no permission table holds and no resident's budget file measures,
 * each as a row run by a resident of the demo community, so the request budget
 * (request-budget.test.ts) measures them like any other: the 15-minute services (browse, book,
 * cancel, rate), my volunteer hours, resolving my own help request.
 */
let item: any = null;
/** One service item of the demo community for the rows, made on first use. */
async function itemOf(e: Emulator): Promise<any> {
  item ??= await addItem(e);
  return item;
}

/** A booking of a slot starting `fromNow` ms ahead (a redeem wants it soon, a cancellation before the 2 h cut-off). */
const book = async (e: Emulator, fromNow: number) => okCall(e, 'demo-resident-1', 'service', 'book', { slotId: await addSlot(e, await itemOf(e), { fromNow }) });

export const RESIDENT_ROWS: Row[] = [
  { fn: 'activity', action: 'hours', what: 'see their volunteer hours', allowed: ['resident'], input: () => ({}) },
  {
    fn: 'circle',
    action: 'resolve',
    what: 'mark their own help request resolved',
    allowed: ['resident'],
    input: async (e) => ({ postId: (await okCall(e, 'demo-resident-1', 'circle', 'post', { kind: 'help', content: '谁家有梯子借用一下？' })).id, resolved: true }),
  },
  { fn: 'service', action: 'catalogue', what: "browse the community's services", allowed: ['resident'], input: () => ({ communityId: COMMUNITY }) },
  { fn: 'service', action: 'item', what: 'open a service', allowed: ['resident'], input: async (e) => ({ itemId: (await itemOf(e)).id }) },
  { fn: 'service', action: 'nearby', what: 'find service points within 1 km', allowed: ['resident'], input: () => ({ location: CENTRE }) },
  { fn: 'service', action: 'slots', what: "see a service's open slots", allowed: ['resident'], input: async (e) => ({ itemId: (await itemOf(e)).id }) },
  { fn: 'service', action: 'book', what: 'book a slot', allowed: ['resident'], input: async (e) => ({ slotId: await addSlot(e, await itemOf(e), { fromNow: 20 * 60_000 }) }) },
  { fn: 'service', action: 'cancel', what: 'cancel their booking', allowed: ['resident'], input: async (e) => ({ bookingId: (await book(e, 48 * 3600_000)).id }) },
  { fn: 'service', action: 'mine', what: 'see their bookings', allowed: ['resident'], input: () => ({}) },
  {
    fn: 'service',
    action: 'rate',
    what: 'rate a service they had',
    allowed: ['resident'],
    input: async (e) => {
      const booking = await book(e, 20 * 60_000);
      await okCall(e, PROVIDER, 'service', 'redeem', { itemId: (await itemOf(e)).id, code: booking.code });
      return { bookingId: booking.id, stars: 5 };
    },
  },
];
