import { z } from 'zod/mini';
import { shanghaiMonth } from '../../../../domain/attendance';
import { MAX_PAGE, openidSchema } from '../../../../domain/common';
import { activityContract } from '../../../../domain/contract/activity';
import { canManageCommunity } from '../../../../domain/permissions';
import { AppError } from '../../../../domain/result';
import { RequestContext } from '../../../../server/kit/router';
import { monthlyTotals, rankingTotals } from '../../../../server/repositories/hours-ledger';
import { getUsers } from '../../../../server/repositories/users';

type HoursInput = z.infer<typeof activityContract.hours.input>;
type RankingInput = z.infer<typeof activityContract.ranking.input>;

/** Sums of halves and of two-decimal points: rounded so that 0.1 + 0.2 shows as 0.3. */
const round2 = (n: number) => Math.round(n * 100) / 100;

/** My volunteer hours and points in a year (this year unless asked), month by month in Shanghai time. */
export async function hours(input: HoursInput, ctx: RequestContext) {
  const year = input.year ?? shanghaiMonth(ctx.now).year;
  const byMonth = (await monthlyTotals(ctx.openid, year)).map((m) => ({ month: m.month, hours: round2(m.hours), points: round2(m.points) }));
  return {
    year,
    hours: round2(byMonth.reduce((sum, m) => sum + m.hours, 0)),
    points: round2(byMonth.reduce((sum, m) => sum + m.points, 0)),
    byMonth,
  };
}

/**
 * The community's year-end points ranking (年底统计积分), for its committee: 20 a page, equal points
 * share a rank. The cursor carries the last person's place, so a page never re-reads the ones before.
 */
export async function ranking(input: RankingInput, ctx: RequestContext) {
  if (!canManageCommunity(ctx.user.roles, input.communityId)) throw new AppError('PERMISSION_DENIED', '只有本居民区的居委会成员可以查看积分排行');
  const limit = input.limit ?? MAX_PAGE;
  const after = decodeRankCursor(input.cursor);
  const rows = await rankingTotals(input.communityId, input.year, after, limit + 1);
  const page = rows.slice(0, limit);
  const names = new Map((await getUsers(page.map((r) => r.openid))).map((u) => [u._id, u.displayName]));
  let previous: RankPlace = after ?? { position: 0, rank: 0, points: Number.NaN, openid: '' };
  const items = page.map((row) => {
    const position = previous.position + 1;
    previous = { position, rank: row.points === previous.points ? previous.rank : position, points: row.points, openid: row.openid };
    return { rank: previous.rank, openid: row.openid, displayName: names.get(row.openid) ?? '已注销用户', hours: round2(row.hours), points: round2(row.points) };
  });
  return { items, nextCursor: rows.length > limit ? encodeRankCursor(previous) : null };
}

/** The last person of a page: their position in the list, their rank (shared with equal points), points and openid. */
const rankPlaceSchema = z.tuple([z.number().check(z.int(), z.minimum(1)), z.number().check(z.int(), z.minimum(1)), z.number(), openidSchema]);
type RankPlace = { position: number; rank: number; points: number; openid: string };

function encodeRankCursor(p: RankPlace): string {
  return Buffer.from(JSON.stringify([p.position, p.rank, p.points, p.openid]), 'utf8').toString('base64url');
}

function decodeRankCursor(cursor: string | undefined): RankPlace | null {
  if (!cursor) return null;
  let value: unknown = null;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    // A garbled cursor is refused below like any other that does not fit.
  }
  const parsed = rankPlaceSchema.safeParse(value);
  if (!parsed.success) throw new AppError('INVALID_ARGUMENT', '翻页参数不正确，请刷新后重试');
  const [position, rank, points, openid] = parsed.data;
  return { position, rank, points, openid };
}
