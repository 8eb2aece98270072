/** What 任务详情 offers (pure): my live claim on this task among my claims, and whether it can still be given back. */
import { isLiveClaim } from '../../../generated/domain';
import type { Claim, Task } from '../../../services/member/types';

/** My claim on the task that still counts (claimed, checked in, waiting to be verified), if any. */
export function liveClaimOn(taskId: string, claims: readonly Claim[]): Claim | null {
  return claims.find((c) => c.taskId === taskId && isLiveClaim(c.state)) || null;
}

/** 取消认领 only before I checked in or sent proof, and before the start (the function refuses later). */
export function canCancel(claim: Claim | null, task: Pick<Task, 'startAt'>, now: number): boolean {
  if (!claim || claim.state !== 'claimed') return false;
  return !task.startAt || Date.parse(task.startAt) > now;
}
