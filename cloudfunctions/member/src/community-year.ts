import { YearRow, parseYearRows, verifiedTotalsLookup } from '../../../server/repositories/member-claims';
import { RatingTotals, ratingTotalsLookup, ratingTotalsOf } from '../../../server/repositories/member-ratings';
import { MEMBERS_AT_MOST, RegistrationDoc, approvedMembersLookup, parseRegistrationDocs } from '../../../server/repositories/member-registrations';
import { StarDoc, parseStarDocs, starsLookup } from '../../../server/repositories/member-stars';
import { unitWith } from '../../../server/repositories/units';

/** What the year-end screens of a community read: its approved members, their verified service by kind, their ratings and their stars. */
export interface CommunityYear {
  members: RegistrationDoc[];
  rows: YearRow[];
  ratings: RatingTotals;
  stars: StarDoc[];
}

/**
 * A community's year in ONE aggregation of its unit (each part summed by the database, whatever the
 * number of services): the work units' files and the posting of stars both start from it. A
 * community that does not exist has nothing.
 */
export async function communityYear(communityId: string, year: number): Promise<CommunityYear> {
  const read = await unitWith(communityId, {
    members: approvedMembersLookup(communityId, 'members'),
    rows: verifiedTotalsLookup({ communityId, year }, 'rows'),
    ratings: ratingTotalsLookup({ communityId, year }, 'ratings'),
    stars: starsLookup({ communityId, year, limit: MEMBERS_AT_MOST }, 'stars'),
  });
  const joined = read?.joined ?? {};
  return {
    members: parseRegistrationDocs(joined.members ?? []),
    rows: parseYearRows(joined.rows ?? []),
    ratings: ratingTotalsOf(joined.ratings ?? []),
    stars: parseStarDocs(joined.stars ?? []),
  };
}
