import { activityFields, publish } from './activity-fixtures';
import { COMMUNITY, OTHER, okCall } from './neighbourhood';
import { MANAGERS, Row } from './permission-table';

/**
 * Who may run an activity: only the committee of the activity's community (and street admins) may
 * publish, edit, cancel, review signups, see the roster, show the check-in code or see the
 * community's ranking. Everyone else — a neighbour, a volunteer, a grid worker, a service provider,
 * a visitor, a committee member of the next community — gets PERMISSION_DENIED and changes nothing.
 *
 * Each cell gets valid input (a fresh activity where the action consumes it), so the only reason
 * to refuse is who is asking.
 */

/** Actions on one's own signups and hours, and browsing: anyone may call them (their own rules decide what they see). */
export const EVERYONES = ['list', 'get', 'signup', 'cancel', 'mine', 'checkin', 'checkout', 'hours'];

export const TABLE: Row[] = [
  { action: 'create', what: 'publish an activity in this community', allowed: MANAGERS, input: async () => ({ communityId: COMMUNITY, fields: activityFields() }) },
  {
    action: 'create',
    what: 'publish an activity in the neighbouring community',
    allowed: ['otherCommittee', 'admin'],
    input: async () => ({ communityId: OTHER.community, fields: activityFields({ title: '隔壁居民区的读书会' }) }),
  },
  {
    action: 'update',
    what: "change an activity's title and seats",
    allowed: MANAGERS,
    input: async (e) => ({ activityId: await publish(e), fields: { title: '垃圾分类亲子课堂（改期）', capacity: 60 } }),
  },
  { action: 'cancelActivity', what: 'cancel an activity with a reason', allowed: MANAGERS, input: async (e) => ({ activityId: await publish(e), reason: '台风预警，活动取消' }) },
  {
    action: 'review',
    what: "approve a neighbour's signup",
    allowed: MANAGERS,
    input: async (e) => {
      const activityId = await publish(e, { approval: 'committee' });
      const signup = await okCall(e, 'demo-resident-2', 'activity', 'signup', { activityId, answers: {} });
      return { activityId, signupIds: [signup.id], decision: 'approve' };
    },
  },
  {
    action: 'review',
    what: "reject a neighbour's signup with a reason",
    allowed: MANAGERS,
    input: async (e) => {
      const activityId = await publish(e, { approval: 'committee' });
      const signup = await okCall(e, 'demo-resident-2', 'activity', 'signup', { activityId, answers: {} });
      return { activityId, signupIds: [signup.id], decision: 'reject', reason: '本次名额优先给独居老人' };
    },
  },
  { action: 'roster', what: 'see who signed up', allowed: MANAGERS, input: async (e) => ({ activityId: await publish(e) }) },
  { action: 'roster', what: 'see who signed up with full phone numbers', allowed: MANAGERS, input: async (e) => ({ activityId: await publish(e), unmask: true }) },
  { action: 'checkinCode', what: 'show the live check-in code', allowed: MANAGERS, input: async (e) => ({ activityId: await publish(e) }) },
  { action: 'ranking', what: "see this community's volunteer ranking for the year", allowed: MANAGERS, input: async () => ({ communityId: COMMUNITY, year: 2026 }) },
];
