/**
 * What the party member and wish pages need from function `member`, typed by the contract. Writes
 * take an idempotency key (the pages keep it with sendOnce, so a retry after a lost answer applies once).
 */
import { ActionOutput, Result } from '../../generated/domain';
import { callApi } from '../api/api';
import { Claim, ClaimPage, HallKind, NewRegistration, Registration, StarRecord, Task, TaskPage, WishPage, YearLine } from './types';

export * from './types';

/** My registration (with team and post), or null before I register. */
export async function myRegistration(): Promise<Result<Registration | null>> {
  const got = await callApi('member', 'me', {});
  return got.ok ? { ok: true, data: got.data.registration } : got;
}

/** 报到, or again after a rejection. */
export function register(input: NewRegistration, idempotencyKey: string): Promise<Result<Registration>> {
  return callApi('member', 'register', input, { idempotencyKey });
}

/** 任务大厅 of my community, all kinds or one. */
export function hall(communityId: string, kind?: HallKind, cursor?: string): Promise<Result<TaskPage>> {
  const data: { communityId: string; kind?: HallKind; cursor?: string } = { communityId };
  if (kind) data.kind = kind;
  if (cursor) data.cursor = cursor;
  return callApi('member', 'hall', data);
}

export function getTask(taskId: string): Promise<Result<Task>> {
  return callApi('member', 'task', { taskId });
}

export function claim(taskId: string, idempotencyKey: string): Promise<Result<Claim>> {
  return callApi('member', 'claim', { taskId }, { idempotencyKey });
}

export function mine(cursor?: string): Promise<Result<ClaimPage>> {
  return callApi('member', 'mine', cursor ? { cursor } : {});
}

/** The moves a member makes on their own claim (and acceptSwap on one asked of them), with what each takes beside the claim. */
export type ClaimWrite = 'cancel' | 'checkin' | 'checkout' | 'submitProof' | 'askSwap' | 'acceptSwap';
interface ClaimWriteInput {
  cancel: Record<string, never>;
  checkin: { token: string };
  checkout: { token: string };
  submitProof: { note: string; photo: string };
  askSwap: { toOpenid: string };
  acceptSwap: Record<string, never>;
}

export function moveClaim<A extends ClaimWrite>(action: A, claimId: string, input: ClaimWriteInput[A], idempotencyKey: string): Promise<Result<Claim>> {
  // Each action's contract input is exactly its input here plus the claim's id.
  return callApi('member', action, { ...input, claimId } as never, { idempotencyKey }) as Promise<Result<Claim>>;
}

/** The committee's, or the wish's resident's, 确认已实现. */
export function verify(claimId: string, idempotencyKey: string): Promise<Result<Claim>> {
  return callApi('member', 'verify', { claimId }, { idempotencyKey });
}

export function rate(taskId: string, stars: number, idempotencyKey: string): Promise<Result<ActionOutput<'member', 'rate'>>> {
  return callApi('member', 'rate', { taskId, stars }, { idempotencyKey });
}

/** 微心愿: for me, or (a building leader) for a resident of my building. */
export function postWish(title: string, note: string, idempotencyKey: string): Promise<Result<Task>> {
  return callApi('member', 'postWish', { title, note }, { idempotencyKey });
}

export function myWishes(cursor?: string): Promise<Result<WishPage>> {
  return callApi('member', 'wishes', cursor ? { cursor } : {});
}

export function yearReport(year: number): Promise<Result<YearLine>> {
  return callApi('member', 'yearReport', { year });
}

export function myStars(year: number): Promise<Result<StarRecord>> {
  return callApi('member', 'stars', { year });
}

/** 对评星提出异议 while the stars are posted, with a reason. */
export function objectStars(year: number, reason: string, idempotencyKey: string): Promise<Result<StarRecord>> {
  return callApi('member', 'objectStars', { year, reason }, { idempotencyKey });
}
