import { Body, STAGE_NAMES, Topic, Vote } from '../../../domain/council';
import { BodyDoc } from '../../../server/repositories/council-bodies';
import { TopicDoc } from '../../../server/repositories/council-topics';
import { VoteDoc } from '../../../server/repositories/council-votes';

/** What the council's documents look like to callers. */

export function toBody(doc: BodyDoc): Body {
  return { id: doc._id, communityId: doc.communityId, parentId: doc.parentId, kind: doc.kind, name: doc.name, scope: doc.scope, convener: doc.convener, members: doc.members };
}

export function toTopic(doc: TopicDoc): Topic {
  return {
    id: doc._id,
    communityId: doc.communityId,
    bodyId: doc.bodyId,
    bodyName: doc.bodyName,
    title: doc.title,
    content: doc.content,
    photos: doc.photos,
    stage: doc.stage,
    stageName: STAGE_NAMES[doc.stage],
    proposerName: doc.proposerName,
    supports: doc.supports,
    threshold: doc.threshold,
    supportUntil: doc.supportUntil.toISOString(),
    screenBy: doc.screenBy?.toISOString() ?? null,
    screeningOverdue: doc.screeningOverdue,
    declineReason: doc.declineReason,
    voteId: doc.voteId,
    ...(doc.demandId ? { demandId: doc.demandId } : {}),
    createdAt: doc.createdAt.toISOString(),
  };
}

/** Turnout is shown while the vote is open; the tally only in the published result. */
export function toVote(doc: VoteDoc, voted: number): Vote {
  return {
    id: doc._id,
    topicId: doc.topicId,
    question: doc.question,
    options: doc.options,
    maxChoices: doc.maxChoices,
    unit: doc.unit,
    opensAt: doc.opensAt.toISOString(),
    closesAt: doc.closesAt.toISOString(),
    status: doc.status === 'closed' ? 'closed' : 'open',
    eligible: doc.eligible,
    eligibleHouseholds: doc.eligibleHouseholds,
    voted: doc.result ? doc.result.ballots : voted,
    result: doc.status === 'closed' ? doc.result : null,
  };
}
