import { z } from 'zod/mini';
import { memberContract } from '../../../../domain/contract/member';
import { YearLine } from '../../../../domain/members/model';
import { canManageCommunity } from '../../../../domain/permissions';
import { AppError } from '../../../../domain/result';
import { RequestContext } from '../../../../server/kit/router';
import { uploadFile } from '../../../../server/kit/storage';
import { YearRow, parseYearRows, verifiedTotalsLookup } from '../../../../server/repositories/member-claims';
import { ratingTotalsLookup, ratingTotalsOf } from '../../../../server/repositories/member-ratings';
import { RegistrationDoc, registrationIdOf, registrationWithJoins } from '../../../../server/repositories/member-registrations';
import { getUser } from '../../../../server/repositories/users';
import { StarDoc, parseStarDocs, starIdOf, starsLookup } from '../../../../server/repositories/member-stars';
import { requireCommittee } from '../access';
import { communityYear } from '../community-year';
import { yearCsv } from '../year-csv';

type C = typeof memberContract;
type In<A extends keyof C> = z.infer<C[A]['input']>;

/** One member's year from the database's sums (rows by kind) and their ratings. */
export function yearLine(reg: RegistrationDoc, rows: YearRow[], rating: { sum: number; count: number } | undefined, stars: StarDoc | undefined): YearLine {
  const mine = rows.filter((r) => r._id.openid === reg.openid);
  const sum = (f: (r: YearRow) => number) => Math.round(mine.reduce((s, r) => s + f(r), 0) * 100) / 100;
  return {
    openid: reg.openid,
    displayName: reg.displayName,
    workUnit: reg.workUnit,
    branch: reg.branch,
    teamName: reg.teamName,
    post: reg.post,
    hours: sum((r) => r.hours),
    points: sum((r) => r.points),
    tasks: sum((r) => r.count),
    wishes: sum((r) => (r._id.kind === 'wish' ? r.count : 0)),
    rating: rating && rating.count > 0 ? Math.round((rating.sum / rating.count) * 10) / 10 : null,
    ratings: rating?.count ?? 0,
    stars: stars && stars.state !== 'draft' ? stars.stars : null,
  };
}

/** My year (or a member's, for the committee): hours, tasks, wishes fulfilled, ratings. */
export async function yearReport(input: In<'yearReport'>, ctx: RequestContext) {
  const openid = input.openid ?? ctx.openid;
  const member = openid === ctx.openid ? ctx.user : await getUser(openid);
  const communityId = member?.communityId ?? null;
  if (openid !== ctx.openid && !canManageCommunity(ctx.user.roles, communityId)) throw new AppError('PERMISSION_DENIED', '只能查看自己的年度报告');
  // The registration with the year's sums, ratings and stars: one aggregation.
  const found = communityId
    ? await registrationWithJoins(registrationIdOf(communityId, openid), {
        rows: verifiedTotalsLookup({ openid, year: input.year }, 'rows'),
        ratings: ratingTotalsLookup({ openid, year: input.year }, 'ratings'),
        stars: starsLookup({ id: starIdOf(communityId, openid, input.year) }, 'stars'),
      })
    : null;
  if (!found || found.reg.state !== 'approved') throw new AppError('NOT_FOUND', '没有找到报到记录');
  const { reg, joined } = found;
  return yearLine(reg, parseYearRows(joined.rows), ratingTotalsOf(joined.ratings, openid).get(openid), parseStarDocs(joined.stars)[0]);
}

/**
 * The year-end files: one CSV per work unit, uploaded privately for the committee to send to each
 * unit's party branch. One read whatever the number of services (the community's year: the
 * members, the sums per member and kind, the ratings per member, the stars), then one upload per unit.
 */
export async function unitReports(input: In<'unitReports'>, ctx: RequestContext) {
  requireCommittee(ctx, input.communityId);
  const { members, rows, ratings, stars: starDocs } = await communityYear(input.communityId, input.year);
  const starsByMember = new Map(starDocs.map((d) => [d.openid, d]));
  const byMember = new Map<string, YearRow[]>();
  for (const r of rows) byMember.set(r._id.openid, [...(byMember.get(r._id.openid) ?? []), r]);
  const byUnit = new Map<string, YearLine[]>();
  for (const m of members) {
    const line = yearLine(m, byMember.get(m.openid) ?? [], ratings.get(m.openid), starsByMember.get(m.openid));
    byUnit.set(m.workUnit, [...(byUnit.get(m.workUnit) ?? []), line]);
  }
  const files = await Promise.all(
    [...byUnit].map(async ([workUnit, lines], i) => {
      const fileId = await uploadFile(`private/member-year/${input.communityId}/${input.year}/${ctx.now.getTime()}-${i + 1}.csv`, yearCsv(input.year, lines));
      return { workUnit, fileId, members: lines.length };
    }),
  );
  return { files };
}
