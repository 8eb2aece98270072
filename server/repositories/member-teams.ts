import { z } from 'zod/mini';
import { database } from '../kit/cloud';
import { Lookup, dataOf, docById, parseDocs } from './docs';

/** The only module that touches `member_teams`: a community's service teams (服务队). */
export const MEMBER_TEAMS = 'member_teams';

export const teamDocSchema = z.object({ _id: z.string(), communityId: z.string(), name: z.string(), createdAt: z.date(), updatedAt: z.date() });
export type TeamDoc = z.infer<typeof teamDocSchema>;

const teams = () => database().collection(MEMBER_TEAMS);

export const getTeam = (id: string) => docById(MEMBER_TEAMS, teamDocSchema, id);
/** For another collection's aggregation: the team `id`, read with `teamFrom`. */
export const teamLookup = (id: string, as: string): Lookup => ({ from: MEMBER_TEAMS, pipeline: [{ $match: { _id: id } }, { $limit: 1 }], as });
export const teamFrom = (raw: unknown[]): TeamDoc | null => parseDocs(teamDocSchema, MEMBER_TEAMS, raw)[0] ?? null;

/** A community has few teams (under 50): all of them, by name. */
export async function teamsOf(communityId: string): Promise<TeamDoc[]> {
  return parseDocs(teamDocSchema, MEMBER_TEAMS, dataOf(await teams().where({ communityId }).orderBy('name', 'asc').limit(100).get()));
}

export async function saveTeam(doc: TeamDoc): Promise<void> {
  const { _id, ...rest } = doc;
  await teams().doc(_id).set({ data: rest });
}
