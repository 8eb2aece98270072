import { z } from 'zod/mini';
import { isLiveClaim } from '../../domain/members/rules';
import { database } from '../kit/cloud';
import { dataOf, deadKeyOf, docsWhere, eachInBatches, parseDocs, personalRead, removeWhere, setWhole, updateWhere, updatedOne } from './docs';
import { MEMBER_CLAIMS, claimDocSchema, liveClaimKey } from './member-claims';
import { MEMBER_DAYS } from './member-days';
import { MEMBER_RATINGS } from './member-ratings';
import { MEMBER_REGISTRATIONS, registrationDocSchema } from './member-registrations';
import { MEMBER_STARS, starDocSchema } from './member-stars';
import { giveBackPlace } from './member-places';
import { MEMBER_TASKS, taskDocSchema } from './member-tasks';

/**
 * A party member's (and a wishing resident's) records for their rights over their data: what the
 * export shows and what deleting the account changes. Shares the member collections with their own
 * repositories, as demand-people.ts shares `demands`.
 */
const GONE = '已注销用户';

/** A person's registrations, claims, wishes (theirs or posted by them) and stars, at most `limit` of each: for their export (PersonalRead). */
export function memberRecordsReads(openid: string, limit: number) {
  return {
    registrations: personalRead(MEMBER_REGISTRATIONS, registrationDocSchema, { openid }, limit),
    claims: personalRead(MEMBER_CLAIMS, claimDocSchema, { openid }, limit),
    wishes: personalRead(MEMBER_TASKS, taskDocSchema, { $or: [{ 'wisher.openid': openid }, { 'wisher.postedBy': openid }] }, limit),
    stars: personalRead(MEMBER_STARS, starDocSchema, { openid }, limit),
  };
}

/**
 * An account's end. The registration goes (it names a work unit and a contact there); a claim still
 * live is cancelled and its place given back, as the member would cancel it; verified service stays
 * in the community's totals under `pseudonym`, without its note and photo; a wish keeps its story
 * for the member who fulfilled it, without the resident's name and room; stars and ratings keep
 * their figures under the pseudonym. At most `limit` claims and wishes, one by one.
 */
export async function eraseMemberDataOf(openid: string, pseudonym: string, now: Date, limit: number): Promise<number> {
  const _ = database().command;
  const removed = await removeWhere(MEMBER_REGISTRATIONS, { openid });
  await removeWhere(MEMBER_DAYS, { openid });
  const claims = await docsWhere(MEMBER_CLAIMS, claimDocSchema, { openid }, limit);
  await eachInBatches(claims, async (c) => {
    const live = isLiveClaim(c.state);
    // A verified claim keeps its task-and-person key (one service per task), under the pseudonym.
    const liveKey = live ? deadKeyOf(c._id) : c.liveKey === liveClaimKey(c.taskId, openid) ? liveClaimKey(c.taskId, pseudonym) : c.liveKey;
    const patch = { openid: pseudonym, note: null, photo: null, swapTo: null, liveKey, updatedAt: now, ...(live ? { state: 'cancelled' as const } : {}) };
    const moved = updatedOne(await database().collection(MEMBER_CLAIMS).where({ _id: c._id, state: c.state }).update({ data: patch }));
    if (live && moved) await giveBackPlace(c.taskId, now);
  });
  // Someone asked them to take over a shift: the ask ends with them. A shift they handed over names them no longer.
  await updateWhere(MEMBER_CLAIMS, { swapTo: openid }, { swapTo: null, updatedAt: now });
  await updateWhere(MEMBER_CLAIMS, { swappedFrom: openid }, { swappedFrom: pseudonym });
  const wishes = await docsWhere(MEMBER_TASKS, taskDocSchema, _.or([{ 'wisher.openid': openid }, { 'wisher.postedBy': openid }]), limit);
  await eachInBatches(wishes, async (t) => {
    if (!t.wisher) return;
    const own = t.wisher.openid === openid;
    const wisher = own
      ? { openid: pseudonym, displayName: GONE, buildingId: null, buildingName: null, room: null, postedBy: t.wisher.postedBy === openid ? pseudonym : t.wisher.postedBy }
      : { ...t.wisher, postedBy: pseudonym };
    // An own wish not yet fulfilled has nobody left to fulfil it for.
    const withdrawn = own && (t.state === 'vetting' || t.state === 'open') ? { state: 'rejected' as const, reason: '居民已注销账号', placesLeft: 0 } : {};
    await database()
      .collection(MEMBER_TASKS)
      .doc(t._id)
      .update({ data: setWhole({ wisher, ...withdrawn, updatedAt: now }) });
  });
  await updateWhere(MEMBER_STARS, { openid }, { openid: pseudonym, displayName: GONE });
  const rated = parseDocs(
    z.object({ _id: z.string(), members: z.array(z.string()) }),
    MEMBER_RATINGS,
    dataOf(await database().collection(MEMBER_RATINGS).where({ members: openid }).limit(limit).get()),
  );
  await eachInBatches(rated, (r) =>
    database()
      .collection(MEMBER_RATINGS)
      .doc(r._id)
      .update({ data: { members: _.set(r.members.map((m) => (m === openid ? pseudonym : m))) } }),
  );
  return removed + claims.length + wishes.length;
}
