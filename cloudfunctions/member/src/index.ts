// Function `member`: in-service party members (在职党员) reporting to their community: 报到 and review, teams and posts, the task hall, claims, verified service, points, the year report.
import { memberContract } from '../../../domain/contract/member';
import { createFunction } from '../../../server/kit/router';
import { acceptSwap, askSwap, cancel, claim } from './use-cases/claim';
import { dashboard } from './use-cases/dashboard';
import { hall, mine, task, wishes } from './use-cases/hall';
import { postWish, publishTask, saveRota, vetWish } from './use-cases/publish';
import { proofsToVerify, wishesToVet } from './use-cases/queues';
import { pointsSettings, rate, saveSettings } from './use-cases/ratings';
import { approve, me, register, registrations, reject } from './use-cases/register';
import { unitReports, yearReport } from './use-cases/report';
import { checkin, checkinCode, checkout, submitProof } from './use-cases/service';
import { saveTeam, setPost, teams } from './use-cases/teams';
import { objectStars, postStars, scoreMember, stars } from './use-cases/stars';
import { MEMBER_JOBS } from './use-cases/timers';
import { rejectProof, verify } from './use-cases/verify';

export const main = createFunction(
  'member',
  memberContract,
  {
    register,
    me,
    registrations,
    approve,
    reject,
    teams,
    saveTeam,
    setPost,
    postWish,
    wishesToVet,
    wishes,
    vetWish,
    publishTask,
    saveRota,
    hall,
    task,
    claim,
    cancel,
    askSwap,
    acceptSwap,
    mine,
    checkinCode,
    checkin,
    checkout,
    submitProof,
    proofsToVerify,
    verify,
    rejectProof,
    rate,
    pointsSettings,
    saveSettings,
    scoreMember,
    postStars,
    stars,
    objectStars,
    yearReport,
    unitReports,
    dashboard,
  },
  MEMBER_JOBS,
);
