/**
 * The stages other repositories' aggregations join to `users` with (who lives in a scope, how many
 * households, which community a person is in), and how what they found is checked. They only build
 * and parse: the aggregation runs in the repository that owns it.
 */
import * as z from '../../domain/zod';
import { parseDocs } from './docs';
import { ResidentFilter, USERS, UserDoc, residentSchema } from './users';

function residentsMatch(filter: ResidentFilter): Record<string, unknown> {
  // Written as the stages the SDK's own pipeline builder sends.
  const match: Record<string, unknown> = { communityId: filter.communityId, buildingId: filter.buildingIds ? { $in: filter.buildingIds } : { $ne: null }, room: { $ne: null } };
  if (filter.gridIds) match.gridId = { $in: filter.gridIds };
  return match;
}

/** For another repository's aggregation (a lookup): the first page of `residentsOfScope`, read with `parseResidents`. */
export function residentsLookup(filter: ResidentFilter, limit: number, as: string): Record<string, unknown> {
  return { from: USERS, pipeline: [{ $match: residentsMatch(filter) }, { $sort: { _id: 1 } }, { $limit: limit }, { $project: { _id: 1, buildingId: 1, room: 1 } }], as };
}

export const parseResidents = (raw: unknown[]): Pick<UserDoc, '_id' | 'buildingId' | 'room'>[] => parseDocs(residentSchema, USERS, raw);

/** For another repository's aggregation (a lookup): how many households (building and room) the scope's residents live in, as `[{ n }]`. */
export function householdsCountLookup(filter: ResidentFilter, as: string): Record<string, unknown> {
  return { from: USERS, pipeline: [{ $match: residentsMatch(filter) }, { $group: { _id: { building: '$buildingId', room: '$room' } } }, { $count: 'n' }], as };
}

/** The bound residents of the `communityId` and `scope` a row carries (`$$community`, `$$scope` of the lookup's `let`). */
function inScopeOfRow(): Record<string, unknown> {
  const present = (field: string) => ({ $ne: [{ $ifNull: [field, null] }, null] });
  const ids = { $ifNull: ['$$scope.ids', []] };
  const inScope = {
    $or: [
      { $eq: ['$$scope.kind', 'community'] },
      { $and: [{ $eq: ['$$scope.kind', 'grids'] }, { $in: [{ $ifNull: ['$gridId', null] }, ids] }] },
      { $and: [{ $eq: ['$$scope.kind', 'buildings'] }, { $in: [{ $ifNull: ['$buildingId', null] }, ids] }] },
    ],
  };
  return { $expr: { $and: [{ $eq: ['$communityId', '$$community'] }, present('$buildingId'), present('$room'), inScope] } };
}

/**
 * For another repository's aggregation (a lookup) on a consultation body or anything with the same
 * `communityId` and `scope` (community, some grids, some buildings): how many households its bound
 * residents live in, as `[{ n }]`.
 */
export function householdsOfScopeLookup(as: string): Record<string, unknown> {
  return {
    from: USERS,
    let: { community: '$communityId', scope: '$scope' },
    pipeline: [{ $match: inScopeOfRow() }, { $group: { _id: { building: '$buildingId', room: '$room' } } }, { $count: 'n' }],
    as,
  };
}

/**
 * The same rows (a topic's `communityId` and `scope`): the first page (by _id, `limit`) of its
 * bound residents as `residentsOfScope` reads them, read with `parseResidents`.
 */
export function residentsOfScopeLookup(limit: number, as: string): Record<string, unknown> {
  return {
    from: USERS,
    let: { community: '$communityId', scope: '$scope' },
    pipeline: [{ $match: inScopeOfRow() }, { $sort: { _id: 1 } }, { $limit: limit }, { $project: { _id: 1, buildingId: 1, room: 1 } }],
    as,
  };
}

/** For another repository's aggregation (a lookup): of `openids`, who exists and in which community, read with `parseCommunitiesOf`. */
export function communitiesOfLookup(openids: string[], as: string): Record<string, unknown> {
  return { from: USERS, pipeline: [{ $match: { _id: { $in: openids } } }, { $limit: openids.length }, { $project: { _id: 1, communityId: 1 } }], as };
}

export const parseCommunitiesOf = (raw: unknown[]): Pick<UserDoc, '_id' | 'communityId'>[] => parseDocs(z.object({ _id: z.string(), communityId: z.nullable(z.string()) }), USERS, raw);
