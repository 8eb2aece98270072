import { Claim, Registration, Task } from '../../../domain/members/model';
import { canManageCommunity } from '../../../domain/permissions';
import { RequestContext } from '../../../server/kit/router';
import { ClaimDoc } from '../../../server/repositories/member-claims';
import { RegistrationDoc } from '../../../server/repositories/member-registrations';
import { TaskDoc } from '../../../server/repositories/member-tasks';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The unit contact's phone only for the member and the committee. */
export function toRegistration(doc: RegistrationDoc, ctx: RequestContext): Registration {
  const full = doc.openid === ctx.openid || canManageCommunity(ctx.user.roles, doc.communityId);
  return {
    id: doc._id,
    openid: doc.openid,
    communityId: doc.communityId,
    displayName: doc.displayName,
    workUnit: doc.workUnit,
    branch: doc.branch,
    contactName: doc.contactName,
    contactPhone: full ? doc.contactPhone : null,
    skills: doc.skills,
    serveTimes: doc.serveTimes,
    state: doc.state,
    reason: doc.reason,
    teamId: doc.teamId,
    teamName: doc.teamName,
    post: doc.post,
    createdAt: doc.createdAt.toISOString(),
    reviewDueAt: doc.reviewDueAt.toISOString(),
    overdue: doc.overdue,
    reviewedAt: iso(doc.reviewedAt),
  };
}

/**
 * A task as the viewer may see it. The wish's resident (name, building, room) only to themselves,
 * whoever posted it for them, the committee, and the member whose claim is live or done
 * (`claimant`); never a phone to anyone, it is not even kept on the task.
 */
export function toTask(doc: TaskDoc, ctx: RequestContext, claimant = false): Task {
  const w = doc.wisher;
  const sees = w !== null && (claimant || w.openid === ctx.openid || w.postedBy === ctx.openid || canManageCommunity(ctx.user.roles, doc.communityId));
  return {
    id: doc._id,
    communityId: doc.communityId,
    kind: doc.kind,
    state: doc.state,
    title: doc.title,
    note: doc.note,
    place: doc.place,
    places: doc.places,
    placesLeft: doc.placesLeft,
    startAt: iso(doc.startAt),
    endAt: iso(doc.endAt),
    claimBy: iso(doc.claimBy),
    hours: doc.hours,
    demandId: doc.demandId,
    rotaId: doc.rotaId,
    activityId: null,
    shiftId: null,
    reason: doc.reason,
    wisher: sees && w ? { displayName: w.displayName, building: w.buildingName, room: w.room } : null,
    createdAt: doc.createdAt.toISOString(),
  };
}

export function toClaim(doc: ClaimDoc): Claim {
  return {
    id: doc._id,
    taskId: doc.taskId,
    kind: doc.kind,
    title: doc.title,
    openid: doc.openid,
    state: doc.state,
    checkinAt: iso(doc.checkinAt),
    checkoutAt: iso(doc.checkoutAt),
    note: doc.note,
    photo: doc.photo as Claim['photo'],
    hours: doc.hours,
    points: doc.points,
    reason: doc.reason,
    swapTo: doc.swapTo,
    createdAt: doc.createdAt.toISOString(),
  };
}
