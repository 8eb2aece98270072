import { z } from 'zod/mini';
import { memberContract } from '../../../../domain/contract/member';
import { StarRecord } from '../../../../domain/members/model';
import { FULL_ACTIVITY_HOURS, OBJECTION_DAYS, starsOf as bandOf, yearScore } from '../../../../domain/members/rules';
import { canManageCommunity } from '../../../../domain/permissions';
import { AppError } from '../../../../domain/result';
import { RequestContext } from '../../../../server/kit/router';
import { registrationWith } from '../../../../server/repositories/member-registrations';
import { eachInBatches } from '../../../../server/repositories/docs';
import { StarDoc, changeStars, changeStarsOf, finaliseDue, getStars, insertStars, saveStars, starIdOf } from '../../../../server/repositories/member-stars';
import { getUser } from '../../../../server/repositories/users';
import { requireCommittee } from '../access';
import { communityYear } from '../community-year';

type C = typeof memberContract;
type In<A extends keyof C> = z.infer<C[A]['input']>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
export function toStarRecord(doc: StarDoc): StarRecord {
  return {
    openid: doc.openid,
    displayName: doc.displayName,
    year: doc.year,
    state: doc.state,
    activity: doc.activity,
    residents: doc.residents,
    peer: doc.peer,
    party: doc.party,
    score: doc.score,
    stars: doc.stars,
    postedAt: iso(doc.postedAt),
    finalAt: iso(doc.finalAt),
    objection: doc.objection,
  };
}

function blank(communityId: string, openid: string, displayName: string, year: number, now: Date): StarDoc {
  return {
    _id: starIdOf(communityId, openid, year),
    communityId,
    openid,
    displayName,
    year,
    state: 'draft',
    activity: 0,
    residents: 60,
    peer: 0,
    party: 0,
    score: 0,
    stars: 1,
    postedAt: null,
    finalAt: null,
    objection: null,
    updatedAt: now,
  };
}

/** The committee records the peers' and the party organisation's parts; the stars go back to draft until posted again. */
export async function scoreMember(input: In<'scoreMember'>, ctx: RequestContext) {
  // The registration and the member's stars of the year in one request.
  const found = await registrationWith(input.registrationId, { year: input.year });
  const reg = found?.reg;
  if (!reg || reg.state !== 'approved') throw new AppError('NOT_FOUND', '没有找到这位报到党员');
  requireCommittee(ctx, reg.communityId);
  const doc = found.stars ?? blank(reg.communityId, reg.openid, reg.displayName, input.year, ctx.now);
  if (doc.state === 'final') throw new AppError('FAILED_PRECONDITION', '这一年的评星已经确定');
  const next: StarDoc = { ...doc, peer: input.peer, party: input.party, state: 'draft', updatedAt: ctx.now };
  await saveStars(next);
  return toStarRecord(next);
}

/**
 * Computes every approved member's score from the year's verified hours, residents' ratings and the
 * recorded peer and party parts, bands it ★1–★5 and posts it for OBJECTION_DAYS days. Final stars
 * are left as they are. One read whatever the number of services (the community's year), then the
 * writes: members without a record yet inserted 100 a request, and one update for all the members
 * whose posted figures are the same (most often those with no service and no scores yet).
 */
export async function postStars(input: In<'postStars'>, ctx: RequestContext) {
  requireCommittee(ctx, input.communityId);
  const { members, rows, ratings, stars: existing } = await communityYear(input.communityId, input.year);
  const hours = new Map<string, number>();
  for (const r of rows) hours.set(r._id.openid, (hours.get(r._id.openid) ?? 0) + r.hours);
  const old = new Map(existing.map((d) => [d.openid, d]));
  const finalAt = new Date(ctx.now.getTime() + OBJECTION_DAYS * 86_400_000);
  const fresh: StarDoc[] = [];
  const changes = new Map<string, { ids: string[]; patch: Partial<StarDoc> }>();
  for (const m of members) {
    const known = old.get(m.openid);
    if (known?.state === 'final') continue;
    const doc = known ?? blank(input.communityId, m.openid, m.displayName, input.year, ctx.now);
    const r = ratings.get(m.openid);
    const rating = r && r.count > 0 ? r.sum / r.count : null;
    const h = hours.get(m.openid) ?? 0;
    const score = yearScore({ hours: h, rating, peer: doc.peer, party: doc.party });
    const activity = Math.round(Math.min(1, h / FULL_ACTIVITY_HOURS) * 1000) / 10;
    const residents = Math.round(((rating ?? 3) / 5) * 1000) / 10;
    const patch = { activity, residents, score, stars: bandOf(score), state: 'posted' as const, postedAt: ctx.now, finalAt, objection: null, updatedAt: ctx.now };
    if (!known) fresh.push({ ...doc, ...patch });
    else {
      // The stars follow from the score: equal parts, one update.
      const same = `${activity}|${residents}|${score}`;
      let change = changes.get(same);
      if (!change) changes.set(same, (change = { ids: [], patch }));
      change.ids.push(doc._id);
    }
  }
  await insertStars(fresh);
  await eachInBatches([...changes.values()], (c) => changeStarsOf(c.ids, c.patch));
  return { posted: fresh.length + [...changes.values()].reduce((n, c) => n + c.ids.length, 0) };
}

export async function stars(input: In<'stars'>, ctx: RequestContext) {
  const openid = input.openid ?? ctx.openid;
  const member = openid === ctx.openid ? ctx.user : await getUser(openid);
  const communityId = member?.communityId ?? null;
  if (openid !== ctx.openid && !canManageCommunity(ctx.user.roles, communityId)) throw new AppError('PERMISSION_DENIED', '只能查看自己的评星');
  const doc = communityId ? await getStars(starIdOf(communityId, openid, input.year)) : null;
  if (!doc || doc.state === 'draft') throw new AppError('NOT_FOUND', '这一年的评星还没有公示');
  return toStarRecord(doc);
}

/** An objection while the stars are posted: they stop short of final until the committee posts them again. */
export async function objectStars(input: In<'objectStars'>, ctx: RequestContext) {
  const communityId = ctx.user.communityId;
  // Approval gives the partyMember role of the community (approve): the caller's roles say it without a read.
  if (!communityId || !ctx.user.roles.some((r) => r.role === 'partyMember' && r.communityId === communityId)) {
    throw new AppError('PERMISSION_DENIED', '报到通过的在职党员才能对评星提出异议');
  }
  const doc = await getStars(starIdOf(communityId, ctx.openid, input.year));
  if (!doc || doc.state !== 'posted' || !doc.finalAt || doc.finalAt <= ctx.now) throw new AppError('FAILED_PRECONDITION', '不在公示期内，不能提出异议');
  const patch = { state: 'objected' as const, objection: input.reason, updatedAt: ctx.now };
  if (!(await changeStars(doc._id, 'posted', patch))) throw new AppError('FAILED_PRECONDITION', '评星状态已变化，请刷新后再试');
  return toStarRecord({ ...doc, ...patch });
}

/** Timer job: posted stars without an objection become final when the 5 days are over. */
export async function finaliseStars(now: Date): Promise<{ finalised: number }> {
  return { finalised: await finaliseDue(now) };
}
