// Function `demand`: residents' demands (诉求) reported in the grid, handled on a deadline, escalated when late, closed by the reporter.
import { demandContract } from '../../../domain/contract/demand';
import { onFirstCall } from '../../../server/kit/on-first-call';
import { createFunction } from '../../../server/kit/router';
import { DEMAND_JOBS } from './use-cases/jobs';

const close = onFirstCall(() => import('./use-cases/close'));
const categoriesActions = onFirstCall(() => import('./use-cases/categories'));
const dashboardActions = onFirstCall(() => import('./use-cases/dashboard'));
const browse = onFirstCall(() => import('./use-cases/browse'));
const follow = onFirstCall(() => import('./use-cases/follow'));
const handle = onFirstCall(() => import('./use-cases/handle'));
const reportActions = onFirstCall(() => import('./use-cases/report'));
const route = onFirstCall(() => import('./use-cases/route'));

export const main = createFunction(
  'demand',
  demandContract,
  {
    categories: categoriesActions.categories,
    saveCategory: categoriesActions.saveCategory,
    similar: follow.similar,
    report: reportActions.report,
    meToo: follow.meToo,
    mine: browse.mine,
    get: browse.get,
    inbox: browse.inbox,
    accept: handle.accept,
    reject: handle.reject,
    merge: handle.merge,
    assign: handle.assign,
    update: handle.update,
    resolve: handle.resolve,
    confirm: close.confirm,
    reopen: close.reopen,
    escalate: route.escalate,
    transfer: route.transfer,
    extend: route.extend,
    park: route.park,
    unpark: route.unpark,
    ledger: browse.ledger,
    dashboard: dashboardActions.dashboard,
  },
  DEMAND_JOBS,
);
