/** What 任务大厅 shows (pure): the kinds to filter by, and a claim's outcome in plain words. */
import { TASK_KINDS, TASK_KIND_NAMES } from '../../../generated/domain';
import { isLiveClaim } from '../../../generated/domain';
import type { Claim, HallKind } from '../../../services/member/types';

export interface KindOption {
  value: HallKind | '';
  name: string;
}

export const KIND_OPTIONS: KindOption[] = [{ value: '', name: '全部' }, ...TASK_KINDS.map((value) => ({ value, name: TASK_KIND_NAMES[value] }))];

export const kindOf = (value: unknown): HallKind | '' | undefined => KIND_OPTIONS.find((k) => k.value === value)?.value;

/** The result of a claim beside its row: taken (and where to find it), or why not. */
export function claimOutcome(sent: { ok: true } | { ok: false; error: { message: string } }): { text: string; ok: boolean } {
  return sent.ok ? { text: '认领成功，可在“我的任务”查看', ok: true } : { text: sent.error.message, ok: false };
}

export const NOT_MEMBER = '报到通过的在职党员才能查看和认领任务';

/** The tasks I hold a live claim on (claimed, checked in, waiting to be verified). */
export function heldTasks(claims: readonly Claim[]): Set<string> {
  return new Set(claims.filter((c) => isLiveClaim(c.state)).map((c) => c.taskId));
}
