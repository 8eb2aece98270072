// Function `service`: the service menu (服务菜单), service points, slots, bookings, redemption (核销) and ratings.
import { serviceContract } from '../../../domain/contract/service';
import { onFirstCall } from '../../../server/kit/on-first-call';
import { createFunction } from '../../../server/kit/router';

const bookActions = onFirstCall(() => import('./use-cases/book'));
const browse = onFirstCall(() => import('./use-cases/browse'));
const cancel = onFirstCall(() => import('./use-cases/cancel'));
const manageCatalogue = onFirstCall(() => import('./use-cases/manage-catalogue'));
const rateActions = onFirstCall(() => import('./use-cases/rate'));
const redeemActions = onFirstCall(() => import('./use-cases/redeem'));
const timers = onFirstCall(() => import('./use-cases/timers'));

export const main = createFunction(
  'service',
  serviceContract,
  {
    createPoint: manageCatalogue.createPoint,
    createItem: manageCatalogue.createItem,
    setSchedule: manageCatalogue.setSchedule,
    cancelSlot: cancel.cancelSlot,
    catalogue: browse.catalogue,
    item: browse.item,
    nearby: browse.nearby,
    slots: browse.slots,
    book: bookActions.book,
    cancel: cancel.cancelBooking,
    mine: browse.mine,
    redeem: redeemActions.redeem,
    rate: rateActions.rate,
  },
  [
    // The one timer trigger (config.json, every minute) runs these in order, each in its own budget.
    // Confirmations of the bookings made since the last run: a resident hears within the minute.
    { name: 'confirmBookings', budgetMs: 6000, run: timers.confirmBookings },
    // Reminders for bookings whose slot starts within the hour.
    { name: 'remindBookings', budgetMs: 6000, run: timers.remindBookings },
    // Slots whose counters a dead call left off by one are recounted.
    { name: 'reconcileSlots', budgetMs: 3000, run: timers.reconcileSlots },
    // Items whose running rating sum a dead call left one short are recounted.
    { name: 'recountItemRatings', budgetMs: 1000, run: timers.recountItemRatings },
  ],
  {
    // A booking's id comes from its idempotency key and a retry finds and answers it (see book.ts),
    // so a keyed booking costs no more than one without a key.
    ownIdempotency: ['book'],
  },
);
