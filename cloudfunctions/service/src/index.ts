// Function `service`: the service menu (服务菜单), service points, slots, bookings, redemption (核销) and ratings.
import { serviceContract } from '../../../domain/contract/service';
import { createFunction } from '../../../server/kit/router';
import { book } from './use-cases/book';
import { catalogue, item, mine, nearby, slots } from './use-cases/browse';
import { cancelBooking, cancelSlot } from './use-cases/cancel';
import { createItem, createPoint, setSchedule } from './use-cases/manage-catalogue';
import { rate } from './use-cases/rate';
import { redeem } from './use-cases/redeem';
import { reconcileSlots, remindBookings } from './use-cases/timers';

export const main = createFunction(
  'service',
  serviceContract,
  {
    createPoint,
    createItem,
    setSchedule,
    cancelSlot,
    catalogue,
    item,
    nearby,
    slots,
    book,
    cancel: cancelBooking,
    mine,
    redeem,
    rate,
  },
  [
    // The one timer trigger (config.json, every 5 minutes) runs these in order, each in its own budget.
    // Reminders for bookings whose slot starts within the hour.
    { name: 'remindBookings', budgetMs: 8000, run: remindBookings },
    // Slots whose counters a dead call left off by one are recounted.
    { name: 'reconcileSlots', budgetMs: 6000, run: reconcileSlots },
  ],
  {
    // A booking's id comes from its idempotency key and a retry finds and answers it (see book.ts),
    // so a keyed booking costs no more than one without a key.
    ownIdempotency: ['book'],
  },
);
