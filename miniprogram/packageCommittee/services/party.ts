/**
 * What the committee's party-member pages (报到审核, 服务队与岗位, 发布, 核实, 看板, 评星) need from
 * function `member`, typed by the contract. Every write takes the page's idempotency key.
 */
import { ActionInput, Result } from '../../generated/domain';
import { callApi } from '../../services/api/api';

export type { Claim, Dashboard, PointsSettings, Post, Proof, ProofPage, Registration, RegistrationPage, RotaInput, StarRecord, Task, TaskInput, TaskPage, Team, UnitFiles } from './party-types';
import type { Claim, Dashboard, PointsSettings, Post, ProofPage, Registration, RegistrationPage, RotaInput, StarRecord, Task, TaskInput, TaskPage, Team, UnitFiles } from './party-types';

const page = (cursor?: string) => (cursor ? { cursor } : {});

export function registrations(communityId: string, state: 'pending' | 'approved', cursor?: string): Promise<Result<RegistrationPage>> {
  return callApi('member', 'registrations', { communityId, state, ...page(cursor) });
}

export function approve(registrationId: string, teamId: string, key: string): Promise<Result<Registration>> {
  return callApi('member', 'approve', { registrationId, teamId }, { idempotencyKey: key });
}

export function reject(registrationId: string, reason: string, key: string): Promise<Result<Registration>> {
  return callApi('member', 'reject', { registrationId, reason }, { idempotencyKey: key });
}

export function teams(communityId: string): Promise<Result<{ items: Team[] }>> {
  return callApi('member', 'teams', { communityId });
}

export function saveTeam(communityId: string, name: string, key: string): Promise<Result<Team>> {
  return callApi('member', 'saveTeam', { communityId, name }, { idempotencyKey: key });
}

export function setPost(registrationId: string, teamId: string, post: Post | null, key: string): Promise<Result<Registration>> {
  return callApi('member', 'setPost', { registrationId, teamId, post }, { idempotencyKey: key });
}

export function wishesToVet(communityId: string, cursor?: string): Promise<Result<TaskPage>> {
  return callApi('member', 'wishesToVet', { communityId, ...page(cursor) });
}

export function vetWish(input: ActionInput<'member', 'vetWish'>, key: string): Promise<Result<Task>> {
  return callApi('member', 'vetWish', input, { idempotencyKey: key });
}

export function publishTask(input: TaskInput, key: string): Promise<Result<Task>> {
  return callApi('member', 'publishTask', input, { idempotencyKey: key });
}

export function saveRota(input: RotaInput, key: string): Promise<Result<{ rotaId: string; generated: number }>> {
  return callApi('member', 'saveRota', input, { idempotencyKey: key });
}

/** Open tasks, wishes and shifts as members see them (places left), 20 a page. */
export function openTasks(communityId: string, kind?: 'task' | 'shift' | 'wish', cursor?: string): Promise<Result<TaskPage>> {
  return callApi('member', 'hall', { communityId, ...(kind ? { kind } : {}), ...page(cursor) });
}

export function proofsToVerify(communityId: string, cursor?: string): Promise<Result<ProofPage>> {
  return callApi('member', 'proofsToVerify', { communityId, ...page(cursor) });
}

export function verify(claimId: string, key: string): Promise<Result<Claim>> {
  return callApi('member', 'verify', { claimId }, { idempotencyKey: key });
}

export function rejectProof(claimId: string, reason: string, key: string): Promise<Result<Claim>> {
  return callApi('member', 'rejectProof', { claimId, reason }, { idempotencyKey: key });
}

export function dashboard(communityId: string): Promise<Result<Dashboard>> {
  return callApi('member', 'dashboard', { communityId });
}

export function unitReports(communityId: string, year: number, key: string): Promise<Result<UnitFiles>> {
  return callApi('member', 'unitReports', { communityId, year }, { idempotencyKey: key });
}

export function pointsSettings(communityId: string): Promise<Result<PointsSettings>> {
  return callApi('member', 'pointsSettings', { communityId });
}

export function saveSettings(communityId: string, points: PointsSettings, key: string): Promise<Result<PointsSettings>> {
  return callApi('member', 'saveSettings', { communityId, points }, { idempotencyKey: key });
}

export function scoreMember(registrationId: string, year: number, peer: number, party: number, key: string): Promise<Result<StarRecord>> {
  return callApi('member', 'scoreMember', { registrationId, year, peer, party }, { idempotencyKey: key });
}

export function postStars(communityId: string, year: number, key: string): Promise<Result<{ posted: number }>> {
  return callApi('member', 'postStars', { communityId, year }, { idempotencyKey: key });
}

export function stars(year: number, openid: string): Promise<Result<StarRecord>> {
  return callApi('member', 'stars', { year, openid });
}
