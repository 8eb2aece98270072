/** What 我的服务记录 offers (pure): the years to look at, this Shanghai year first. */
import { reasonSchema, shanghaiYear } from '../../../generated/domain';
import type { StarRecord } from '../../../services/member/types';
import { shanghaiDateTime } from '../../../utils/time';

/** This year and the last (the year report goes to the work unit after 31 December). */
export function yearOptions(now: number): number[] {
  const year = shanghaiYear(new Date(now));
  return [year, year - 1];
}

/** The stars are only there once the committee posted them: that absence is not an error. */
export const starsMissing = (code: string) => code === 'NOT_FOUND';

/** While the stars are posted (5 days), the member may object: until when, or '' when not. */
export function objectionUntil(stars: StarRecord | null, now: number): string {
  if (!stars || stars.state !== 'posted' || !stars.finalAt || Date.parse(stars.finalAt) <= now) return '';
  return shanghaiDateTime(stars.finalAt);
}

/** The objection's reason in the function's words. */
export function checkReason(reason: string): { ok: true; reason: string } | { ok: false; message: string } {
  const checked = reasonSchema.safeParse(reason);
  return checked.success ? { ok: true, reason: checked.data } : { ok: false, message: checked.error.issues[0]?.message || '请写下异议的理由' };
}
