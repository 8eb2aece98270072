import { CAMPAIGN_STATUS_NAMES, Campaign } from '../../../domain/council-campaigns';
import { CampaignDoc } from '../../../server/repositories/council-campaigns';

/** Turnout is shown while a campaign is open; the counts only once posted. */
export function toCampaign(doc: CampaignDoc, voted: number): Campaign {
  const status = doc.status === 'opening' ? 'open' : doc.status;
  return {
    id: doc._id,
    communityId: doc.communityId,
    year: doc.year,
    title: doc.title,
    nominees: doc.nominees,
    maxChoices: doc.maxChoices,
    opensAt: doc.opensAt.toISOString(),
    closesAt: doc.closesAt.toISOString(),
    status,
    statusName: CAMPAIGN_STATUS_NAMES[status],
    eligibleHouseholds: doc.eligibleHouseholds,
    voted: doc.result ? doc.result.householdsVoted : voted,
    result: status === 'open' ? null : doc.result,
    objectionsUntil: (doc.status === 'posted' || doc.status === 'objected') && doc.objectionsUntil ? doc.objectionsUntil.toISOString() : null,
    objections: doc.objections,
    objectionAnswer: doc.objectionAnswer,
  };
}
