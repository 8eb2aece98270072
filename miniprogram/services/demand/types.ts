/** The demand pages' data, named from the contract (no calls here, so pure view code and its tests can use them). */
import { ActionInput, ActionOutput } from '../../generated/domain';

export type Demand = ActionOutput<'demand', 'get'>;
export type DemandPage = ActionOutput<'demand', 'mine'>;
export type Category = ActionOutput<'demand', 'categories'>['items'][number];
export type Similar = ActionOutput<'demand', 'similar'>['items'][number];
export type LedgerPage = ActionOutput<'demand', 'ledger'>;
export type LedgerLine = LedgerPage['items'][number];
export type Dashboard = ActionOutput<'demand', 'dashboard'>;
export type NewDemand = ActionInput<'demand', 'report'>;
export type InboxScope = ActionInput<'demand', 'inbox'>['scope'];
export type CategoryChange = ActionInput<'demand', 'saveCategory'>;

export interface InboxQuery {
  scope: InboxScope;
  gridId?: string;
  communityId?: string;
}
