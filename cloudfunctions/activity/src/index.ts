// Function `activity`: publishing, signing up, approving, waitlists, check-in and volunteer hours.
import { activityContract } from '../../../domain/contract/activity';
import { onFirstCall } from '../../../server/kit/on-first-call';
import { createFunction } from '../../../server/kit/router';

const browse = onFirstCall(() => import('./use-cases/browse'));
const cancelSignup = onFirstCall(() => import('./use-cases/cancel-signup'));
const checkin = onFirstCall(() => import('./use-cases/checkin'));
const closeCheckins = onFirstCall(() => import('./use-cases/close-checkins'));
const hours = onFirstCall(() => import('./use-cases/hours'));
const manageActivity = onFirstCall(() => import('./use-cases/manage-activity'));
const remind = onFirstCall(() => import('./use-cases/remind'));
const forgetRosterExports = onFirstCall(() => import('./use-cases/forget-roster-exports'));
const reconcileSeats = onFirstCall(() => import('./use-cases/reconcile-seats'));
const reviewActions = onFirstCall(() => import('./use-cases/review'));
const rosterActions = onFirstCall(() => import('./use-cases/roster'));
const signupActions = onFirstCall(() => import('./use-cases/signup'));
const tellSignups = onFirstCall(() => import('./use-cases/tell-signups'));

export const main = createFunction(
  'activity',
  activityContract,
  {
    create: manageActivity.createActivity,
    update: manageActivity.updateActivityFields,
    cancelActivity: manageActivity.cancelActivity,
    review: reviewActions.review,
    roster: rosterActions.roster,
    checkinCode: checkin.checkinCode,
    list: browse.list,
    get: browse.get,
    signup: signupActions.signup,
    cancel: cancelSignup.cancelSignup,
    mine: browse.mine,
    checkin: checkin.checkin,
    checkout: checkin.checkout,
    hours: hours.hours,
    ranking: hours.ranking,
  },
  [
    // The one timer trigger (config.json, every 5 minutes) runs these in order, each in its own budget.
    // The 候补成功 messages of seats a cancellation handed on (written due with the promotion), and the
    // 报名结果 messages of the committee's decisions: a second each for claiming (they then send what
    // they claimed; the rest go next run), so the budgets still add up to the run's 18 s.
    { name: 'tellPromoted', budgetMs: 1000, run: tellSignups.tellPromoted },
    { name: 'tellReviewed', budgetMs: 1000, run: tellSignups.tellReviewed },
    // Reminders for activities starting within the hour.
    { name: 'remindUpcoming', budgetMs: 5000, run: remind.remindUpcoming },
    // Check-ins nobody checked out are closed at the shift's end.
    { name: 'closeCheckins', budgetMs: 4000, run: closeCheckins.closeCheckins },
    // Seats taken by a signup call that died before writing its signup are given back, and seats free
    // while people wait go to the waitlist.
    { name: 'reconcileSeats', budgetMs: 4000, run: reconcileSeats.reconcileSeats },
    // Roster exports (names and phones) are deleted from cloud storage after an hour.
    { name: 'forgetRosterExports', budgetMs: 3000, run: forgetRosterExports.forgetRosterExports },
  ],
  {
    // A signup's id comes from its idempotency key and it answers a retry with the first answer itself
    // (see signup.ts), so a keyed signup costs no more than one without a key.
    ownIdempotency: ['signup'],
  },
);
