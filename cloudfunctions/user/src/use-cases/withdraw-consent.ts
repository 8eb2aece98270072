import { Profile, WITHDRAWAL_EFFECTS } from '../../../../domain/people';
import { RequestContext } from '../../../../server/kit/router';
import { recordAudit } from '../../../../server/repositories/audit-log';
import { erasePhonesOf } from '../../../../server/repositories/signups';
import { eraseConsentedFields } from '../../../../server/repositories/users';
import { profileFrom, readingOf } from '../profile';

/**
 * Withdraws the privacy consent (PIPL art. 15). Processing that relied on it stops: the real name,
 * phone and birth year are erased (not hidden: keeping them would still be holding them), and so are
 * the phones given with activity signups; the account, its building, roles and history stay. Giving
 * personal data again needs the notice accepted again (updateProfile). Answers what stops working.
 * Repeating it changes nothing more; each withdrawal is audited, without personal data.
 */
export async function withdrawConsent(_input: Record<string, never>, ctx: RequestContext): Promise<{ profile: Profile; stopped: string[] }> {
  const { user, units, latestBinding } = readingOf(ctx);
  await eraseConsentedFields(ctx.openid, ctx.now);
  await erasePhonesOf(ctx.openid);
  await recordAudit({ actor: ctx.openid, action: 'withdrawConsent', target: ctx.openid, detail: {}, at: ctx.now });
  const erased = { ...user, realName: null, phone: null, birthYear: null, privacy: null, privacyWithdrawnAt: ctx.now, updatedAt: ctx.now };
  return { profile: await profileFrom(erased, units, latestBinding), stopped: [...WITHDRAWAL_EFFECTS] };
}
