// Function `activity`: publishing, signing up, approving, waitlists, check-in and volunteer hours.
import { createFunction } from '../../../server/kit/router';
import { get, list, mine } from './use-cases/browse';
import { cancelSignup } from './use-cases/cancel-signup';
import { checkin, checkinCode, checkout } from './use-cases/checkin';
import { closeCheckins } from './use-cases/close-checkins';
import { hours, ranking } from './use-cases/hours';
import { cancelActivity, createActivity, updateActivityFields } from './use-cases/manage-activity';
import { remindUpcoming } from './use-cases/remind';
import { reconcileSeats } from './use-cases/reconcile-seats';
import { review } from './use-cases/review';
import { roster } from './use-cases/roster';
import { signup } from './use-cases/signup';

export const main = createFunction('activity', {
  create: createActivity,
  update: updateActivityFields,
  cancelActivity,
  review,
  roster,
  checkinCode,
  list,
  get,
  signup,
  cancel: cancelSignup,
  mine,
  checkin,
  checkout,
  hours,
  ranking,
}, {
  // Every 5 minutes (config.json): reminders for activities starting within the hour.
  remindUpcoming,
  // Every 5 minutes (config.json): check-ins nobody checked out are closed at the shift's end.
  closeCheckins,
  // Every 5 minutes (config.json): seats taken by a signup call that died before writing its signup
  // are given back, and seats free while people wait go to the waitlist.
  reconcileSeats,
}, {
  // A signup's id comes from its idempotency key and it answers a retry with the first answer itself
  // (see signup.ts), so a keyed signup costs no more than one without a key.
  ownIdempotency: ['signup'],
});
