import { Activity, Signup } from '../../../domain/activities';
import { ActivitySummary } from '../../../domain/contract/activity';
import { ActivityDoc } from '../../../server/repositories/activities';
import { SignupDoc } from '../../../server/repositories/signups';
import { PlaceRef } from '../../../server/places';

/** Seats still free for the activity itself, or for one of its shifts. */
export function seatsLeft(activity: ActivityDoc, shiftId: string | null = null): number {
  const shift = shiftId ? activity.shifts.find((s) => s.id === shiftId) : undefined;
  return shift ? Math.max(0, shift.capacity - shift.confirmed) : Math.max(0, activity.capacity - activity.confirmed);
}

/** `phone`: the community's 居委会 duty phone, from its unit document when the caller has read it. */
export function toActivity(doc: ActivityDoc, community: PlaceRef | null = null, phone: string | null = null): Activity {
  const place: Activity['place'] = { text: doc.place.text };
  if (doc.place.location) place.location = doc.place.location;
  if (doc.place.servicePointId) place.servicePointId = doc.place.servicePointId;
  return {
    id: doc._id,
    communityId: doc.communityId,
    title: doc.title,
    description: doc.description,
    series: doc.series,
    place,
    startAt: doc.startAt.toISOString(),
    endAt: doc.endAt.toISOString(),
    signupOpensAt: doc.signupOpensAt.toISOString(),
    signupClosesAt: doc.signupClosesAt.toISOString(),
    capacity: doc.capacity,
    approval: doc.approval,
    audience: doc.audience,
    form: doc.form,
    shifts: doc.shifts.map((s) => ({ id: s.id, role: s.role, startAt: s.startAt.toISOString(), endAt: s.endAt.toISOString(), capacity: s.capacity, hours: s.hours, confirmed: s.confirmed })),
    cover: doc.cover,
    pointsPerHour: doc.pointsPerHour,
    checkinRadiusMetres: doc.checkinRadiusMetres,
    status: doc.status,
    confirmed: doc.confirmed,
    seatsLeft: seatsLeft(doc),
    community,
    organiser: community ? { name: `${community.name}居委会`, phone } : null,
    ...(doc.councilTopicId ? { councilTopicId: doc.councilTopicId } : {}),
  };
}

export function toSummary(doc: ActivityDoc): ActivitySummary {
  return {
    id: doc._id,
    title: doc.title,
    series: doc.series,
    placeText: doc.place.text,
    startAt: doc.startAt.toISOString(),
    endAt: doc.endAt.toISOString(),
    capacity: doc.capacity,
    seatsLeft: seatsLeft(doc),
    approval: doc.approval,
    signupClosesAt: doc.signupClosesAt.toISOString(),
    status: doc.status,
    cover: doc.cover,
  };
}

export function toSignup(doc: SignupDoc, waitlistPosition: number | null = null): Signup {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: doc._id,
    activityId: doc.activityId,
    shiftId: doc.shiftId,
    openid: doc.openid,
    status: doc.status,
    seats: doc.seats,
    waitlistPosition: doc.status === 'waitlisted' ? waitlistPosition : null,
    reason: doc.reason,
    createdAt: doc.createdAt.toISOString(),
    checkinAt: iso(doc.checkinAt),
    checkoutAt: iso(doc.checkoutAt),
    hours: doc.hours,
  };
}
