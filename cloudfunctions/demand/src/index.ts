// Function `demand`: residents' demands (诉求) reported in the grid, handled on a deadline, escalated when late, closed by the reporter.
import { demandContract } from '../../../domain/contract/demand';
import { createFunction } from '../../../server/kit/router';
import { confirm, reopen } from './use-cases/close';
import { categories, saveCategory } from './use-cases/categories';
import { dashboard } from './use-cases/dashboard';
import { get, inbox, ledger, mine } from './use-cases/browse';
import { meToo, similar } from './use-cases/follow';
import { accept, assign, merge, reject, resolve, update } from './use-cases/handle';
import { report } from './use-cases/report';
import { escalate, extend, park, transfer, unpark } from './use-cases/route';
import { DEMAND_JOBS } from './use-cases/timers';

export const main = createFunction(
  'demand',
  demandContract,
  {
    categories,
    saveCategory,
    similar,
    report,
    meToo,
    mine,
    get,
    inbox,
    accept,
    reject,
    merge,
    assign,
    update,
    resolve,
    confirm,
    reopen,
    escalate,
    transfer,
    extend,
    park,
    unpark,
    ledger,
    dashboard,
  },
  DEMAND_JOBS,
);
