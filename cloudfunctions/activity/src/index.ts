// Function `activity`: publishing, signing up, approving, waitlists, check-in and volunteer hours.
import { activityContract } from '../../../domain/contract/activity';
import { createFunction } from '../../../server/kit/router';
import { get, list, mine } from './use-cases/browse';
import { cancelSignup } from './use-cases/cancel-signup';
import { checkin, checkinCode, checkout } from './use-cases/checkin';
import { closeCheckins } from './use-cases/close-checkins';
import { hours, ranking } from './use-cases/hours';
import { cancelActivity, createActivity, updateActivityFields } from './use-cases/manage-activity';
import { remindUpcoming } from './use-cases/remind';
import { forgetRosterExports } from './use-cases/forget-roster-exports';
import { reconcileSeats } from './use-cases/reconcile-seats';
import { review } from './use-cases/review';
import { roster } from './use-cases/roster';
import { signup } from './use-cases/signup';

export const main = createFunction(
  'activity',
  activityContract,
  {
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
  },
  [
    // The one timer trigger (config.json, every 5 minutes) runs these in order, each in its own budget.
    // Reminders for activities starting within the hour.
    { name: 'remindUpcoming', budgetMs: 5000, run: remindUpcoming },
    // Check-ins nobody checked out are closed at the shift's end.
    { name: 'closeCheckins', budgetMs: 4000, run: closeCheckins },
    // Seats taken by a signup call that died before writing its signup are given back, and seats free
    // while people wait go to the waitlist.
    { name: 'reconcileSeats', budgetMs: 4000, run: reconcileSeats },
    // Roster exports (names and phones) are deleted from cloud storage after an hour.
    { name: 'forgetRosterExports', budgetMs: 3000, run: forgetRosterExports },
  ],
  {
    // A signup's id comes from its idempotency key and it answers a retry with the first answer itself
    // (see signup.ts), so a keyed signup costs no more than one without a key.
    ownIdempotency: ['signup'],
  },
);
