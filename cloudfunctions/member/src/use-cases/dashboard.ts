import { z } from 'zod/mini';
import { memberContract } from '../../../../domain/contract/member';
import { shanghaiDate, shanghaiInstant } from '../../../../domain/members/rules';
import { RequestContext } from '../../../../server/kit/router';
import { activityFiguresOf, activityLookups } from '../../../../server/repositories/member-claims';
import { approvedMembersLookup, parseTeamsAndUnits } from '../../../../server/repositories/member-registrations';
import { waitingWishesLookup, waitingWishesOf } from '../../../../server/repositories/member-tasks';
import { unitWith } from '../../../../server/repositories/units';
import { requireCommittee } from '../access';

type In = z.infer<typeof memberContract.dashboard.input>;

/** The first instant of the Shanghai quarter `now` is in. */
export function quarterStart(now: Date): Date {
  const [y, m] = shanghaiDate(now).split('-').map(Number);
  const first = Math.floor((m - 1) / 3) * 3 + 1;
  return shanghaiInstant(`${y}-${String(first).padStart(2, '0')}-01`, '00:00');
}

const byHours = (map: Map<string, number>) => [...map].map(([name, hours]) => ({ name, hours: Math.round(hours * 100) / 100 })).sort((a, b) => b.hours - a.hours);

/** Active members (a verified task this quarter), wishes waiting and for how long, no-shows, hours by team and by work unit. */
export async function dashboard(input: In, ctx: RequestContext) {
  requireCommittee(ctx, input.communityId);
  // The community with its members' teams and units, the quarter's activity, every member's hours and
  // the wishes waiting: one aggregation. No such community has none of them.
  const read = await unitWith(input.communityId, {
    members: approvedMembersLookup(input.communityId, 'members', true),
    ...activityLookups(input.communityId, quarterStart(ctx.now), ctx.now),
    wishes: waitingWishesLookup(input.communityId, 'wishes'),
  });
  const joined = read?.joined ?? {};
  const members = parseTeamsAndUnits(joined.members ?? []);
  const figures = activityFiguresOf(joined);
  const wishes = waitingWishesOf(joined.wishes ?? []);
  const who = new Map(members.map((m) => [m.openid, m]));
  const teams = new Map<string, number>();
  const units = new Map<string, number>();
  for (const row of figures.hours) {
    const m = who.get(row.openid);
    const team = m?.teamName ?? '未分队';
    teams.set(team, (teams.get(team) ?? 0) + row.hours);
    const unit = m?.workUnit ?? '未报到';
    units.set(unit, (units.get(unit) ?? 0) + row.hours);
  }
  return {
    activeMembers: figures.active,
    members: members.length,
    wishesWaiting: wishes.count,
    oldestWishDays: wishes.oldest ? Math.floor((ctx.now.getTime() - wishes.oldest.getTime()) / 86_400_000) : null,
    noShows: figures.noShows,
    hoursByTeam: byHours(teams),
    hoursByWorkUnit: byHours(units),
  };
}
