// Function `member`: in-service party members (在职党员) reporting to their community: 报到 and review, teams and posts, the task hall, claims, verified service, points, the year report.
import { memberContract } from '../../../domain/contract/member';
import { onFirstCall } from '../../../server/kit/on-first-call';
import { createFunction } from '../../../server/kit/router';
import { MEMBER_JOBS } from './use-cases/timers';

const claim = onFirstCall(() => import('./use-cases/claim'));
const dashboardActions = onFirstCall(() => import('./use-cases/dashboard'));
const hall = onFirstCall(() => import('./use-cases/hall'));
const publish = onFirstCall(() => import('./use-cases/publish'));
const queues = onFirstCall(() => import('./use-cases/queues'));
const ratings = onFirstCall(() => import('./use-cases/ratings'));
const register = onFirstCall(() => import('./use-cases/register'));
const reportActions = onFirstCall(() => import('./use-cases/report'));
const service = onFirstCall(() => import('./use-cases/service'));
const teams = onFirstCall(() => import('./use-cases/teams'));
const stars = onFirstCall(() => import('./use-cases/stars'));
const verify = onFirstCall(() => import('./use-cases/verify'));

export const main = createFunction(
  'member',
  memberContract,
  {
    register: register.register,
    me: register.me,
    registrations: register.registrations,
    approve: register.approve,
    reject: register.reject,
    teams: teams.teams,
    saveTeam: teams.saveTeam,
    setPost: teams.setPost,
    postWish: publish.postWish,
    wishesToVet: queues.wishesToVet,
    wishes: hall.wishes,
    vetWish: publish.vetWish,
    publishTask: publish.publishTask,
    saveRota: publish.saveRota,
    hall: hall.hall,
    task: hall.task,
    claim: claim.claim,
    cancel: claim.cancel,
    askSwap: claim.askSwap,
    acceptSwap: claim.acceptSwap,
    mine: hall.mine,
    checkinCode: service.checkinCode,
    checkin: service.checkin,
    checkout: service.checkout,
    submitProof: service.submitProof,
    proofsToVerify: queues.proofsToVerify,
    verify: verify.verify,
    rejectProof: verify.rejectProof,
    rate: ratings.rate,
    pointsSettings: ratings.pointsSettings,
    saveSettings: ratings.saveSettings,
    scoreMember: stars.scoreMember,
    postStars: stars.postStars,
    stars: stars.stars,
    objectStars: stars.objectStars,
    yearReport: reportActions.yearReport,
    unitReports: reportActions.unitReports,
    dashboard: dashboardActions.dashboard,
  },
  MEMBER_JOBS,
);
