/** What pages need from functions `user` and `community`, typed by the contract. */
import { ActionInput, ActionOutput, Binding, Profile, Result } from '../../generated/domain';
import { callApi } from '../api/api';

export type Tree = ActionOutput<'community', 'tree'>;

export function getMe(): Promise<Result<Profile>> {
  return callApi('user', 'me', {});
}

/** Asks the committee to bind me to a building; a new request replaces my pending one. */
export function requestBinding(buildingId: string, room: string, idempotencyKey?: string): Promise<Result<Binding>> {
  return callApi('user', 'requestBinding', { buildingId, room }, { idempotencyKey });
}

/** Without a community: the streets and communities to choose from; with one, its grids and buildings. */
export function getTree(communityId?: string): Promise<Result<Tree>> {
  return callApi('community', 'tree', communityId ? { communityId } : {});
}

export type ProfileChange = ActionInput<'user', 'updateProfile'>;

/** Changes my own profile: personal data (with the privacy notice accepted), elder mode. */
export function updateProfile(change: ProfileChange): Promise<Result<Profile>> {
  return callApi('user', 'updateProfile', change);
}

export type PersonalExport = ActionOutput<'user', 'exportMine'>;

/** Everything the product holds about me; `file`: as a private JSON file with a 10-minute link. */
export function exportMine(file = false): Promise<Result<PersonalExport>> {
  return callApi('user', 'exportMine', file ? { file: true } : {});
}

/** Withdraws my privacy consent: my real name, phone and birth year are erased. */
export function withdrawConsent(): Promise<Result<ActionOutput<'user', 'withdrawConsent'>>> {
  return callApi('user', 'withdrawConsent', {});
}

/** Deletes my account; my posts and comments are anonymised or removed as I choose. */
export function deleteAccount(posts: 'anonymise' | 'remove'): Promise<Result<ActionOutput<'user', 'deleteAccount'>>> {
  return callApi('user', 'deleteAccount', { confirm: true, posts });
}
