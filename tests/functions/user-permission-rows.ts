import { COMMUNITY, addBuilding, addPendingBinding, addPeople, person } from './neighbourhood';
import { MANAGERS, Row } from './permission-table';

/**
 * Who may do what, for every action of `user` and `community`. Each cell gets valid input (fresh
 * fixtures where an action consumes its target), so the only reason to refuse is who is asking.
 * "ok" is `ok: true`; a refusal is PERMISSION_DENIED and leaves the database as it was.
 */

export const TABLE: (Row & { fn: 'user' | 'community' })[] = [
  // Everyone's own business.
  { fn: 'user', action: 'me', what: 'read their own profile', allowed: 'everyone', input: () => ({}) },
  { fn: 'user', action: 'updateProfile', what: 'change their own nickname', allowed: 'everyone', input: (_e, n) => ({ displayName: `邻居${n}` }) },
  { fn: 'user', action: 'requestBinding', what: 'ask to join a building', allowed: 'everyone', input: () => ({ buildingId: 'demo-building-2', room: '1201' }) },
  { fn: 'user', action: 'recordConsents', what: 'record their own answers to a subscription request', allowed: 'everyone', input: () => ({ results: { promoted: 'accept' } }) },
  { fn: 'community', action: 'tree', what: 'read the list of communities', allowed: 'everyone', input: () => ({}) },
  { fn: 'community', action: 'tree', what: "read this community's grids, buildings and partners", allowed: 'everyone', input: () => ({ communityId: COMMUNITY }) },

  // The committee's work in its own community (and admins everywhere).
  {
    fn: 'user',
    action: 'reviewBinding',
    what: "approve a newcomer's building here",
    allowed: MANAGERS,
    input: async (e, n) => {
      await addPendingBinding(e, `pm-binding-${n}`, `pm-newcomer-${n}`);
      return { bindingId: `pm-binding-${n}`, decision: 'approve' };
    },
  },
  {
    fn: 'user',
    action: 'reviewBinding',
    what: "reject a newcomer's building here with a reason",
    allowed: MANAGERS,
    input: async (e, n) => {
      await addPendingBinding(e, `pm-binding-${n}`, `pm-newcomer-${n}`);
      return { bindingId: `pm-binding-${n}`, decision: 'reject', reason: '房号与登记不符' };
    },
  },
  { fn: 'user', action: 'pendingBindings', what: "see this community's queue of requests", allowed: MANAGERS, input: () => ({ communityId: COMMUNITY }) },
  {
    fn: 'user',
    action: 'assignRole',
    what: 'make a resident a volunteer here',
    allowed: MANAGERS,
    input: async (e, n) => {
      await addPeople(e, [person(`pm-person-${n}`)]);
      return { openid: `pm-person-${n}`, role: { role: 'volunteer', communityId: COMMUNITY } };
    },
  },
  {
    fn: 'user',
    action: 'assignRole',
    what: 'make someone a grid worker of a grid here',
    allowed: MANAGERS,
    input: () => ({ openid: 'demo-resident-3', role: { role: 'gridWorker', communityId: COMMUNITY, gridId: 'demo-grid-2' } }),
  },
  {
    fn: 'user',
    action: 'assignRole',
    what: 'add a committee member here',
    allowed: MANAGERS,
    input: () => ({ openid: 'demo-resident-4', role: { role: 'committee', communityId: COMMUNITY } }),
  },
  { fn: 'user', action: 'assignRole', what: 'make someone an admin', allowed: ['admin'], input: () => ({ openid: 'demo-resident-5', role: { role: 'admin' } }) },
  {
    fn: 'user',
    action: 'revokeRole',
    what: "take a volunteer's role away here",
    allowed: MANAGERS,
    input: async (e, n) => {
      await addPeople(e, [person(`pm-volunteer-${n}`, { roles: [{ role: 'volunteer', communityId: COMMUNITY }] })]);
      return { openid: `pm-volunteer-${n}`, role: { role: 'volunteer', communityId: COMMUNITY } };
    },
  },
  {
    fn: 'user',
    action: 'revokeRole',
    what: "take an admin's role away",
    allowed: ['admin'],
    input: async (e, n) => {
      await addPeople(e, [person(`pm-admin-${n}`, { roles: [{ role: 'admin' }] })]);
      return { openid: `pm-admin-${n}`, role: { role: 'admin' } };
    },
  },
  { fn: 'user', action: 'listMembers', what: "list this community's members (phones masked)", allowed: MANAGERS, input: () => ({ communityId: COMMUNITY, limit: 5 }) },
  { fn: 'user', action: 'listMembers', what: "list this community's members with full phones", allowed: MANAGERS, input: () => ({ communityId: COMMUNITY, limit: 5, unmask: true }) },
  {
    fn: 'community',
    action: 'createUnit',
    what: 'add a building to a grid here',
    allowed: MANAGERS,
    input: (_e, n) => ({ kind: 'building', name: `新${n}号楼`, parentId: 'demo-grid-1' }),
  },
  { fn: 'community', action: 'createUnit', what: 'add a grid here', allowed: MANAGERS, input: (_e, n) => ({ kind: 'grid', name: `第${n}微网格`, parentId: COMMUNITY }) },
  { fn: 'community', action: 'createUnit', what: 'add a community to the street', allowed: ['admin'], input: (_e, n) => ({ kind: 'community', name: `新${n}居民区`, parentId: 'demo-street' }) },
  { fn: 'community', action: 'createUnit', what: 'add a street', allowed: ['admin'], input: (_e, n) => ({ kind: 'street', name: `新${n}街道` }) },
  { fn: 'community', action: 'renameUnit', what: 'rename a building here', allowed: MANAGERS, input: (_e, n) => ({ unitId: 'demo-building-3', name: `3号楼（${n}）` }) },
  {
    fn: 'community',
    action: 'archiveUnit',
    what: 'archive an empty building here',
    allowed: MANAGERS,
    input: async (e, n) => {
      await addBuilding(e, `pm-building-${n}`);
      return { unitId: `pm-building-${n}` };
    },
  },
  {
    fn: 'community',
    action: 'archiveUnit',
    what: 'archive the community itself',
    allowed: ['admin'],
    notes: { admin: 'FAILED_PRECONDITION' },
    why: 'the admin may, but the demo community still has live grids, so it must be emptied first',
    input: () => ({ unitId: COMMUNITY }),
  },
  {
    fn: 'community',
    action: 'setContact',
    what: 'set the phone residents call for a grid here',
    allowed: MANAGERS,
    input: (_e, n) => ({ unitId: 'demo-grid-2', contact: { name: `网格员${n}`, phone: '021-59990002' } }),
  },

  // Everyone's rights over their own data; last, because withdrawing and deleting change the actors themselves.
  { fn: 'user', action: 'exportMine', what: 'export what the product holds about them', allowed: 'everyone', input: () => ({}) },
  { fn: 'user', action: 'withdrawConsent', what: 'withdraw their privacy consent', allowed: 'everyone', input: () => ({}) },
  { fn: 'user', action: 'deleteAccount', what: 'delete their own account', allowed: 'everyone', input: () => ({ confirm: true, posts: 'anonymise' }) },
];
