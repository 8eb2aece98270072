import { Emulator } from '../../emulator/app';
import { CAT, COMMUNITY, PEOPLE, photo, seedDemand } from './demand-fixtures';
import { Row } from './permission-table';

/**
 * Who may do what with a demand, every action for every kind of person (permission-table.ts's
 * rows, with the people demands know): the resident it is about, a neighbour of the same building,
 * a neighbour who said 我也遇到, a visitor, the grid's worker, the other grid's worker, a mobile grid
 * worker, the building leader, the committee, the committee next door and the street admin. Each
 * cell gets valid input and a fresh demand, so the only reason to refuse is who is asking.
 */
export const WHO = {
  reporter: PEOPLE.resident,
  neighbour: PEOPLE.neighbour,
  meToo: 'demo-resident-6',
  visitor: PEOPLE.visitor,
  gridWorker: PEOPLE.gridWorker,
  otherGridWorker: PEOPLE.gridWorker2,
  mobile: PEOPLE.mobile,
  leader: PEOPLE.leader,
  committee: PEOPLE.committee,
  otherCommittee: 'other-committee',
  admin: PEOPLE.admin,
} as const;
export type Who = keyof typeof WHO;
export const ALL = Object.keys(WHO) as Who[];
const HANDLERS: Who[] = ['gridWorker', 'committee', 'admin'];
const MANAGERS: Who[] = ['committee', 'admin'];
const COMMUNITY_PEOPLE: Who[] = ['reporter', 'neighbour', 'meToo', 'gridWorker', 'otherGridWorker', 'mobile', 'leader', 'committee', 'admin'];

/** A fresh demand of 1号楼's resident that 6 said 我也遇到 to. */
export const fresh = (e: Emulator, o: Parameters<typeof seedDemand>[1] = {}) => seedDemand(e, { meToo: [WHO.meToo], meTooCount: 1, ...o }).then((d) => d._id);
const text = '楼道里堆满了杂物，消防通道被堵住了';

export const TABLE: Row<Who>[] = [
  { action: 'categories', what: "read the community's categories", allowed: ALL, input: async () => ({ communityId: COMMUNITY }) },
  { action: 'similar', what: 'look for similar open demands before reporting', allowed: ALL, input: async () => ({ categoryId: CAT.errand, buildingId: 'demo-building-1' }) },
  {
    action: 'report',
    what: 'report in this community (with a location and their own photo)',
    allowed: ['reporter', 'neighbour', 'meToo', 'gridWorker', 'otherGridWorker', 'mobile', 'leader', 'committee', 'admin'],
    input: async (e, _n, who) => ({ communityId: COMMUNITY, categoryId: CAT.light, text, photos: [await photo(e, WHO[who])], location: { type: 'Point', coordinates: [121.3206, 31.2981] } }),
  },
  {
    action: 'report',
    what: 'report for a resident of 1号楼 (9) who asked them',
    allowed: ['leader', 'committee', 'admin'],
    input: async () => ({ categoryId: CAT.light, text, onBehalfOf: 'demo-resident-9' }),
  },
  { action: 'report', what: "record a resident's phone call", allowed: MANAGERS, input: async () => ({ categoryId: CAT.light, text, onBehalfOf: 'demo-resident-9', channel: 'phone' }) },
  { action: 'meToo', what: 'say 我也遇到 to a neighbour’s open demand', allowed: ['neighbour', 'meToo', 'gridWorker', 'leader', 'committee'], input: async (e) => ({ demandId: await fresh(e) }) },
  { action: 'get', what: 'open a demand with its timeline', allowed: ['reporter', 'meToo', 'gridWorker', 'committee', 'admin'], input: async (e) => ({ demandId: await fresh(e) }) },
  {
    action: 'get',
    what: 'open a dispute that rose to the committee',
    allowed: ['reporter', 'meToo', 'gridWorker', 'committee', 'admin'],
    input: async (e) => ({ demandId: await fresh(e, { kind: 'dispute', categoryId: CAT.noise, categoryName: '噪音', level: 'community' }) }),
  },
  { action: 'mine', what: 'list their own demands', allowed: ALL, input: async () => ({}) },
  { action: 'inbox', what: "open grid 1's inbox", allowed: HANDLERS, input: async () => ({ scope: 'grid', gridId: 'demo-grid-1' }) },
  { action: 'inbox', what: "open the community's inbox", allowed: MANAGERS, input: async () => ({ scope: 'community', communityId: COMMUNITY }) },
  { action: 'inbox', what: "open the street's inbox", allowed: ['admin'], input: async () => ({ scope: 'street' }) },
  { action: 'accept', what: 'accept a new demand at the grid', allowed: HANDLERS, input: async (e) => ({ demandId: await fresh(e) }) },
  { action: 'accept', what: 'accept a new demand that rose to the community', allowed: MANAGERS, input: async (e) => ({ demandId: await fresh(e, { level: 'community' }) }) },
  { action: 'reject', what: 'turn down a new demand with a reason', allowed: HANDLERS, input: async (e) => ({ demandId: await fresh(e), reason: '不属于社区事务' }) },
  { action: 'merge', what: 'merge a duplicate into another open demand', allowed: HANDLERS, input: async (e) => ({ demandId: await fresh(e), into: await fresh(e) }) },
  { action: 'assign', what: 'take an accepted demand', allowed: HANDLERS, input: async (e) => ({ demandId: await fresh(e, { state: 'accepted' }) }) },
  {
    action: 'update',
    what: 'add progress to a demand in hand',
    allowed: HANDLERS,
    input: async (e) => ({ demandId: await fresh(e, { state: 'in_progress', handler: WHO.gridWorker, handlerName: '网格员' }), note: '已联系物业' }),
  },
  {
    action: 'resolve',
    what: 'resolve a demand in hand with an after-photo',
    allowed: HANDLERS,
    input: async (e, _n, who) => ({ demandId: await fresh(e, { state: 'in_progress', handler: WHO.gridWorker }), note: '已处理', photos: [await photo(e, WHO[who])] }),
  },
  {
    action: 'confirm',
    what: 'confirm a resolved demand and rate it',
    allowed: ['reporter'],
    input: async (e) => ({ demandId: await fresh(e, { state: 'resolved' }), solved: true, satisfaction: 'satisfied' }),
  },
  {
    action: 'reopen',
    what: 'reopen a resolved demand',
    allowed: ['reporter'],
    input: async (e) => ({ demandId: await fresh(e, { state: 'resolved', handler: WHO.gridWorker }), reason: '灯还是不亮' }),
  },
  {
    action: 'escalate',
    what: 'pass a demand up to the community with a reason',
    allowed: HANDLERS,
    input: async (e) => ({ demandId: await fresh(e, { state: 'accepted' }), reason: '需要居委会协调' }),
  },
  { action: 'transfer', what: 'pass a demand to grid 2', allowed: HANDLERS, input: async (e) => ({ demandId: await fresh(e), gridId: 'demo-grid-2', reason: '属于第2网格' }) },
  {
    action: 'extend',
    what: 'extend a complex demand once',
    allowed: MANAGERS,
    input: async (e) => ({ demandId: await fresh(e, { state: 'in_progress', deadlineClass: 'complex', handler: WHO.gridWorker }), reason: '需等待区里审批' }),
  },
  {
    action: 'park',
    what: 'park a demand awaiting outside work',
    allowed: MANAGERS,
    input: async (e) => ({ demandId: await fresh(e, { state: 'in_progress', handler: WHO.gridWorker }), reason: '等待区维修资金', reviewOn: '2099-06-01' }),
  },
  {
    action: 'unpark',
    what: 'take a parked demand up again',
    allowed: MANAGERS,
    input: async (e) => ({ demandId: await fresh(e, { state: 'parked', handler: WHO.gridWorker, parked: { reason: '等待区维修资金', reviewOn: '2099-06-01' } }), note: '资金已到位' }),
  },
  { action: 'ledger', what: "read 1号楼's public ledger", allowed: COMMUNITY_PEOPLE, input: async () => ({ buildingId: 'demo-building-1' }) },
  { action: 'ledger', what: "read grid 1's public ledger", allowed: COMMUNITY_PEOPLE, input: async () => ({ gridId: 'demo-grid-1' }) },
  { action: 'dashboard', what: "read the community's figures", allowed: MANAGERS, input: async () => ({ communityId: COMMUNITY, from: '2026-01-01', to: '2026-12-31' }) },
  { action: 'dashboard', what: "read the street's figures", allowed: ['admin'], input: async () => ({ from: '2026-01-01', to: '2026-12-31' }) },
  {
    action: 'saveCategory',
    what: 'add a category',
    allowed: MANAGERS,
    input: async () => ({ communityId: COMMUNITY, name: `类别${Math.random().toString(36).slice(2, 6)}`, kind: 'need', deadlineClass: 'general' }),
  },
];
