/** What 我的任务 shows and sends (pure): the groups to filter by, the proof as the contract takes it, the swap code as typed. */
import { openidSchema, proofNoteSchema } from '../../../generated/domain';
import { CLAIM_GROUP_NAMES, ClaimGroup } from '../../../services/member/present';

export interface GroupOption {
  value: ClaimGroup | 'all';
  name: string;
}

export const GROUP_OPTIONS: GroupOption[] = [{ value: 'all', name: '全部' }, ...(Object.keys(CLAIM_GROUP_NAMES) as ClaimGroup[]).map((value) => ({ value, name: CLAIM_GROUP_NAMES[value] }))];

export const groupOf = (value: unknown): GroupOption['value'] | undefined => GROUP_OPTIONS.find((g) => g.value === value)?.value;

/** The proof's note in the function's words, and a photo required. */
export function checkProof(note: string, photos: number): { ok: true; note: string } | { ok: false; message: string } {
  const checked = proofNoteSchema.safeParse(note);
  if (!checked.success) return { ok: false, message: checked.error.issues[0]?.message || '请写下服务的情况' };
  if (photos === 0) return { ok: false, message: '请拍一张服务现场的照片' };
  return { ok: true, note: checked.data };
}

/** The other member's 换班码 (their id on 我的任务) as typed, or why it is not one. */
export function checkSwapCode(code: string): { ok: true; openid: string } | { ok: false; message: string } {
  const openid = code.trim();
  if (!openid) return { ok: false, message: '请填写对方的换班码' };
  return openidSchema.safeParse(openid).success ? { ok: true, openid } : { ok: false, message: '换班码不正确，请对方在“我的任务”里查看' };
}

/** The card sent in the chat to the member asked to swap: it opens 我的任务 at the request. */
export const swapSharePath = (claimId: string) => `/packageMember/pages/mine/mine?swap=${encodeURIComponent(claimId)}`;
