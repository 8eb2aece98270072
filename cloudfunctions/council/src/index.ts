// Function `council`: consultation (议事协商): bodies, topics with supports and screening, secret household votes.
import { createFunction } from '../../../server/kit/router';
import { castVote, paperBallot } from './use-cases/ballots';
import { bodies, saveBody } from './use-cases/bodies';
import { topic, topics, vote } from './use-cases/browse';
import { closeVote } from './use-cases/close';
import { openVote } from './use-cases/open-vote';
import { COUNCIL_JOBS } from './use-cases/jobs';
import { propose, screen, support } from './use-cases/topics';

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
  },
  COUNCIL_JOBS,
  {
    // The roll entry keeps a digest of the first call's key (see ballots.ts): a retry is answered
    // from it, cheaper than the generic wrapper and without its 60 s wait after a killed call.
    ownIdempotency: ['castVote'],
  },
);
