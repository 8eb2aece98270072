import { ActivityFields } from '../domain/activities';
import { timesProblem } from '../domain/activity-rules';
import { AppError } from '../domain/result';
import { newId } from './kit/ids';
import { ActivityDoc, insertActivity } from './repositories/activities';

/**
 * Publishing an activity, shared by the committee's `activity.create` and by the council, whose
 * meetings (听证会, 协调会, 评议会) are activities residents sign up for and sign in to with the
 * activity's QR code. The times are checked first: nothing is written when they do not fit.
 */
export async function publishActivity(communityId: string, fields: ActivityFields, by: { openid: string; now: Date; councilTopicId?: string; id?: string }): Promise<ActivityDoc> {
  const problem = timesProblem(fields);
  if (problem) throw new AppError('INVALID_ARGUMENT', problem);
  const doc: ActivityDoc = {
    _id: by.id ?? newId(by.now),
    communityId,
    ...fieldsToDoc(fields),
    shifts: fields.shifts.map((s, i) => ({
      id: `s${i + 1}`,
      role: s.role,
      startAt: new Date(s.startAt),
      endAt: new Date(s.endAt),
      capacity: s.capacity,
      hours: s.hours,
      confirmed: 0,
      seatsLeft: s.capacity,
    })),
    status: 'published',
    confirmed: 0,
    seatsLeft: fields.capacity,
    holders: {},
    ...(by.councilTopicId ? { councilTopicId: by.councilTopicId } : {}),
    createdBy: by.openid,
    createdAt: by.now,
    updatedAt: by.now,
  };
  await insertActivity(doc);
  return doc;
}

/** An activity's fields as stored (without its shifts and counters). */
export function fieldsToDoc(
  f: Omit<ActivityFields, 'shifts'>,
): Omit<ActivityDoc, '_id' | 'communityId' | 'shifts' | 'status' | 'confirmed' | 'seatsLeft' | 'holders' | 'createdBy' | 'createdAt' | 'updatedAt'> {
  return {
    title: f.title,
    description: f.description,
    series: f.series,
    place: { text: f.place.text, location: f.place.location ?? null, servicePointId: f.place.servicePointId ?? null },
    startAt: new Date(f.startAt),
    endAt: new Date(f.endAt),
    signupOpensAt: new Date(f.signupOpensAt),
    signupClosesAt: new Date(f.signupClosesAt),
    capacity: f.capacity,
    approval: f.approval,
    audience: f.audience,
    form: f.form,
    cover: f.cover ?? null,
    pointsPerHour: f.pointsPerHour ?? 1,
    checkinRadiusMetres: f.place.location ? (f.checkinRadiusMetres ?? 500) : null,
  };
}
