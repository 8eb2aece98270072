/**
 * What the demand pages need from function `demand` (诉求), typed by the contract. Writes take an
 * idempotency key (the pages keep it with sendOnce, so a retry after a lost answer applies once).
 */
import { ActionInput, ActionOutput, Result } from '../../generated/domain';
import { callApi } from '../api/api';
import { Category, CategoryChange, Dashboard, Demand, DemandPage, InboxQuery, LedgerPage, NewDemand } from './types';

export * from './types';

/** The moves a handler or the reporter makes on one demand: each names its input beside the demand. */
export type DemandWrite = 'accept' | 'reject' | 'merge' | 'assign' | 'update' | 'resolve' | 'confirm' | 'reopen' | 'escalate' | 'transfer' | 'extend' | 'park' | 'unpark';
export type WriteInput<A extends DemandWrite> = Omit<ActionInput<'demand', A>, 'demandId'>;

/** My community's categories (the committee may ask for the archived ones too). */
export function categories(communityId?: string, includeArchived?: boolean): Promise<Result<ActionOutput<'demand', 'categories'>>> {
  const data: ActionInput<'demand', 'categories'> = {};
  if (communityId) data.communityId = communityId;
  if (includeArchived) data.includeArchived = true;
  return callApi('demand', 'categories', data);
}

export function saveCategory(change: CategoryChange, idempotencyKey: string): Promise<Result<Category>> {
  return callApi('demand', 'saveCategory', change, { idempotencyKey });
}

/** Open demands like the one I am about to report: same category, same building or within 100 m. */
export function similar(categoryId: string, buildingId?: string, location?: ActionInput<'demand', 'similar'>['location']): Promise<Result<ActionOutput<'demand', 'similar'>>> {
  const data: ActionInput<'demand', 'similar'> = { categoryId };
  if (buildingId) data.buildingId = buildingId;
  else if (location) data.location = location;
  return callApi('demand', 'similar', data);
}

export function report(demand: NewDemand, idempotencyKey: string): Promise<Result<Demand>> {
  return callApi('demand', 'report', demand, { idempotencyKey });
}

/** 我也遇到. */
export function meToo(demandId: string, idempotencyKey: string): Promise<Result<ActionOutput<'demand', 'meToo'>>> {
  return callApi('demand', 'meToo', { demandId }, { idempotencyKey });
}

export function mine(cursor?: string): Promise<Result<DemandPage>> {
  return callApi('demand', 'mine', cursor ? { cursor } : {});
}

export function getDemand(demandId: string): Promise<Result<Demand>> {
  return callApi('demand', 'get', { demandId });
}

/** The open demands my level holds, earliest deadline first (overdue first). */
export function inbox(query: InboxQuery, cursor?: string): Promise<Result<DemandPage>> {
  const data: ActionInput<'demand', 'inbox'> = { scope: query.scope };
  if (query.gridId) data.gridId = query.gridId;
  if (query.communityId) data.communityId = query.communityId;
  if (cursor) data.cursor = cursor;
  return callApi('demand', 'inbox', data);
}

/** One move on a demand (立案, 办结, 确认 …), with what that move takes. */
export function move<A extends DemandWrite>(action: A, demandId: string, input: WriteInput<A>, idempotencyKey: string): Promise<Result<Demand>> {
  // The contract's input for `action` is exactly its input here plus the demand's id.
  const data = { ...input, demandId } as ActionInput<'demand', A>;
  return callApi('demand', action, data, { idempotencyKey }) as Promise<Result<Demand>>;
}

/** A building's (or a grid's) public ledger, newest first. */
export function ledger(place: { buildingId: string } | { gridId: string }, cursor?: string): Promise<Result<LedgerPage>> {
  return callApi('demand', 'ledger', cursor ? { ...place, cursor } : place);
}

/** The committee's (with a community) or the street's figures for a period; `csv` also makes the file. */
export function dashboard(period: { from: string; to: string }, communityId?: string, csv?: boolean): Promise<Result<Dashboard>> {
  const data: ActionInput<'demand', 'dashboard'> = { ...period };
  if (communityId) data.communityId = communityId;
  if (csv) data.format = 'csv';
  return callApi('demand', 'dashboard', data);
}
