// Function `council`: consultation (议事协商): bodies, topics with supports and screening (also from
// residents' suggestions), comments, meetings with minutes, secret household votes, projects followed
// to the end, and the residents' yearly vote (群众评优) read beside the other two ratings (三评).
import { createFunction } from '../../../server/kit/router';
import { castVote, paperBallot } from './use-cases/votes/ballots';
import { bodies, saveBody } from './use-cases/topics/bodies';
import { topic, topics, vote } from './use-cases/topics/browse';
import { closeVote } from './use-cases/votes/close';
import { openVote } from './use-cases/votes/open-vote';
import { COUNCIL_JOBS } from './use-cases/jobs';
import { topicFromDemand } from './use-cases/topics/from-demand';
import { project, reportProgress, startProject } from './use-cases/follow-up/projects';
import { openCampaign } from './use-cases/campaigns/open-campaign';
import { campaignPaperBallot, campaignVote, closeCampaign } from './use-cases/campaigns/campaign-votes';
import { campaign, campaigns } from './use-cases/campaigns/browse-campaigns';
import { threeRatings } from './use-cases/campaigns/three-ratings';
import { answerObjections, objectCampaign, objections } from './use-cases/campaigns/objections';
import { comment, commentQueue, comments, moderateComment } from './use-cases/deliberation/comments';
import { meetings, scheduleMeeting } from './use-cases/deliberation/meetings';
import { publishMinutes } from './use-cases/deliberation/minutes';
import { propose, screen, support } from './use-cases/topics/topics';

export const main = createFunction(
  'council',
  {
    saveBody,
    bodies,
    propose,
    support,
    screen,
    topics,
    topic,
    openVote,
    castVote,
    paperBallot,
    closeVote,
    vote,
    topicFromDemand,
    comment,
    comments,
    moderateComment,
    commentQueue,
    scheduleMeeting,
    publishMinutes,
    meetings,
    startProject,
    reportProgress,
    project,
    openCampaign,
    campaignVote,
    campaignPaperBallot,
    closeCampaign,
    objectCampaign,
    answerObjections,
    objections,
    campaigns,
    campaign,
    threeRatings,
  },
  COUNCIL_JOBS,
  {
    // The roll entry keeps a digest of the first call's key (see ballots.ts): a retry is answered
    // from it, cheaper than the generic wrapper and without its 60 s wait after a killed call.
    // A meeting's and its activity's ids come from the key (see meetings.ts): a retry finishes the first.
    ownIdempotency: ['castVote', 'campaignVote', 'scheduleMeeting'],
  },
);
