import { Task } from '../../../domain/members/model';
import { activitiesOfCommunity } from '../../../server/repositories/activities';

/**
 * Activities' volunteer shifts, shown in the task hall as `event` tasks: read from `activity`, never
 * copied. Members sign up for them there (activity.signup with the shift), so seats, check-in and
 * hours stay the activity's own.
 */
export async function eventTasks(communityId: string, now: Date, limit: number): Promise<Task[]> {
  const list = await activitiesOfCommunity(communityId, { endedAfter: now, after: null, limit: 20 });
  const out: Task[] = [];
  for (const a of list) {
    if (a.status !== 'published' || a.startAt <= now) continue;
    for (const s of a.shifts) {
      const left = s.seatsLeft ?? s.capacity - s.confirmed;
      out.push({
        id: `${a._id}-${s.id}`,
        communityId,
        kind: 'event',
        state: 'open',
        title: `${a.title} · ${s.role}`,
        note: '',
        place: a.place.text,
        places: s.capacity,
        placesLeft: Math.max(0, left),
        startAt: s.startAt.toISOString(),
        endAt: s.endAt.toISOString(),
        claimBy: a.signupClosesAt.toISOString(),
        hours: s.hours,
        demandId: null,
        rotaId: null,
        activityId: a._id,
        shiftId: s.id,
        reason: null,
        wisher: null,
        createdAt: a.createdAt.toISOString(),
      });
    }
  }
  return out.slice(0, limit);
}
