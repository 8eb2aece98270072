/** What the committee's community pages need from functions `user`, `community` and `circle` (notices), typed by the contract. */
import { ActionInput, ActionOutput, ApiError, Profile, Result, Role, committeeCommunities, isAdmin } from '../../generated/domain';
import { callApi } from '../../services/api/api';

export type Tree = ActionOutput<'community', 'tree'>;
export type Unit = Tree['units'][number];
export type Partner = Tree['partners'][number];
export type NoticeInput = ActionInput<'circle', 'notice'>;
export type NoticeAudience = NoticeInput['audience'];
export type Notice = ActionOutput<'circle', 'notice'>;
export type BindingPage = ActionOutput<'user', 'pendingBindings'>;
export type Binding = BindingPage['items'][number];
export type MemberPage = ActionOutput<'user', 'listMembers'>;
export type Member = MemberPage['items'][number];
export type RoleChange = ActionOutput<'user', 'assignRole'>;

/** Who is at the committee's desk and for which community. */
export interface Desk {
  communityId: string;
  /** Its name when I live there ('' otherwise: an admin's desk elsewhere). */
  communityName: string;
  roles: Role[];
}

export const NOT_COMMITTEE = '只有居委会成员可以使用这个页面';

/** The community I manage: my committee's (an admin: the one I live in); anyone else is refused in plain words. */
export function deskOf(me: Profile): Result<Desk> {
  const communityId = committeeCommunities(me.roles)[0] || (isAdmin(me.roles) && me.community ? me.community.id : '');
  if (!communityId) {
    const error: ApiError = { code: 'PERMISSION_DENIED', message: NOT_COMMITTEE };
    return { ok: false, error };
  }
  const communityName = me.community && me.community.id === communityId ? me.community.name : '';
  return { ok: true, data: { communityId, communityName, roles: me.roles } };
}

export async function myDesk(): Promise<Result<Desk>> {
  const me = await callApi('user', 'me', {});
  return me.ok ? deskOf(me.data) : me;
}

/** The community of my desk: `known` once a page has it, else read from `me` (anyone else is refused in plain words). */
export async function deskCommunity(known: string): Promise<Result<string>> {
  if (known) return { ok: true, data: known };
  const desk = await myDesk();
  return desk.ok ? { ok: true, data: desk.data.communityId } : desk;
}

/** The community's grids, buildings and co-building units. */
export function communityTree(communityId: string): Promise<Result<Tree>> {
  return callApi('community', 'tree', { communityId });
}

/** Publishes a notice; the same key on a retry gets the first call's answer. */
export function postNotice(input: NoticeInput, idempotencyKey: string): Promise<Result<Notice>> {
  return callApi('circle', 'notice', input, { idempotencyKey });
}

/** Requests to join a building, oldest first, 20 a page. */
export function pendingBindings(communityId: string, cursor?: string, limit?: number): Promise<Result<BindingPage>> {
  return callApi('user', 'pendingBindings', { communityId, ...(cursor ? { cursor } : {}), ...(limit ? { limit } : {}) });
}

export function reviewBinding(bindingId: string, decision: 'approve' | 'reject', reason?: string): Promise<Result<Binding>> {
  return callApi('user', 'reviewBinding', reason === undefined ? { bindingId, decision } : { bindingId, decision, reason });
}

export interface MemberFilter {
  gridId?: string;
  buildingId?: string;
}

/** The community's members, 20 a page, by grid or building; phones masked. */
export function listMembers(communityId: string, filter: MemberFilter, cursor?: string): Promise<Result<MemberPage>> {
  return callApi('user', 'listMembers', { communityId, ...filter, ...(cursor ? { cursor } : {}) });
}

export function assignRole(openid: string, role: Role): Promise<Result<RoleChange>> {
  return callApi('user', 'assignRole', { openid, role });
}

export function revokeRole(openid: string, role: Role): Promise<Result<RoleChange>> {
  return callApi('user', 'revokeRole', { openid, role });
}

/** Adds a grid to the community or a building to a grid; the same key on a retry adds it once. */
export function createUnit(input: ActionInput<'community', 'createUnit'>, idempotencyKey: string): Promise<Result<Unit>> {
  return callApi('community', 'createUnit', input, { idempotencyKey });
}

export function renameUnit(unitId: string, name: string): Promise<Result<Unit>> {
  return callApi('community', 'renameUnit', { unitId, name });
}

/** 停用: the unit and its history stay, hidden; only an empty one (no buildings, no residents). */
export function archiveUnit(unitId: string): Promise<Result<Unit>> {
  return callApi('community', 'archiveUnit', { unitId });
}

/** The phone residents call for the 居委会 or a grid; null clears it. */
export function setUnitContact(unitId: string, contact: { name: string; phone: string } | null): Promise<Result<Unit>> {
  return callApi('community', 'setContact', { unitId, contact });
}
