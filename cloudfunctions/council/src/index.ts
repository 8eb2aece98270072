// Function `council`: consultation (议事协商): bodies, topics with supports and screening (also from
// residents' suggestions), comments, meetings with minutes, secret household votes, projects followed
// to the end, and the residents' yearly vote (群众评优) read beside the other two ratings (三评).
import { councilContract } from '../../../domain/contract/council';
import { onFirstCall } from '../../../server/kit/on-first-call';
import { createFunction } from '../../../server/kit/router';
import { COUNCIL_JOBS } from './use-cases/jobs';

const ballots = onFirstCall(() => import('./use-cases/votes/ballots'));
const bodies = onFirstCall(() => import('./use-cases/topics/bodies'));
const browse = onFirstCall(() => import('./use-cases/topics/browse'));
const close = onFirstCall(() => import('./use-cases/votes/close'));
const openVote = onFirstCall(() => import('./use-cases/votes/open-vote'));
const fromDemand = onFirstCall(() => import('./use-cases/topics/from-demand'));
const projects = onFirstCall(() => import('./use-cases/follow-up/projects'));
const openCampaign = onFirstCall(() => import('./use-cases/campaigns/open-campaign'));
const campaignVotes = onFirstCall(() => import('./use-cases/campaigns/campaign-votes'));
const browseCampaigns = onFirstCall(() => import('./use-cases/campaigns/browse-campaigns'));
const threeRatings = onFirstCall(() => import('./use-cases/campaigns/three-ratings'));
const objections = onFirstCall(() => import('./use-cases/campaigns/objections'));
const comments = onFirstCall(() => import('./use-cases/deliberation/comments'));
const meetings = onFirstCall(() => import('./use-cases/deliberation/meetings'));
const minutes = onFirstCall(() => import('./use-cases/deliberation/minutes'));
const topics = onFirstCall(() => import('./use-cases/topics/topics'));

export const main = createFunction(
  'council',
  councilContract,
  {
    saveBody: bodies.saveBody,
    bodies: bodies.bodies,
    propose: topics.propose,
    support: topics.support,
    screen: topics.screen,
    topics: browse.topics,
    topic: browse.topic,
    openVote: openVote.openVote,
    castVote: ballots.castVote,
    paperBallot: ballots.paperBallot,
    closeVote: close.closeVote,
    vote: browse.vote,
    topicFromDemand: fromDemand.topicFromDemand,
    comment: comments.comment,
    comments: comments.comments,
    moderateComment: comments.moderateComment,
    commentQueue: comments.commentQueue,
    scheduleMeeting: meetings.scheduleMeeting,
    publishMinutes: minutes.publishMinutes,
    meetings: meetings.meetings,
    startProject: projects.startProject,
    reportProgress: projects.reportProgress,
    project: projects.project,
    openCampaign: openCampaign.openCampaign,
    campaignVote: campaignVotes.campaignVote,
    campaignPaperBallot: campaignVotes.campaignPaperBallot,
    closeCampaign: campaignVotes.closeCampaign,
    objectCampaign: objections.objectCampaign,
    answerObjections: objections.answerObjections,
    objections: objections.objections,
    campaigns: browseCampaigns.campaigns,
    campaign: browseCampaigns.campaign,
    threeRatings: threeRatings.threeRatings,
  },
  COUNCIL_JOBS,
  {
    // The roll entry keeps a digest of the first call's key (see ballots.ts): a retry is answered
    // from it, cheaper than the generic wrapper and without its 60 s wait after a killed call.
    // A meeting's and its activity's ids come from the key (see meetings.ts): a retry finishes the first.
    ownIdempotency: ['castVote', 'campaignVote', 'scheduleMeeting'],
  },
);
