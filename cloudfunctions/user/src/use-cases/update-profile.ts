import { PRIVACY_VERSION, Profile } from '../../../../domain/people';
import { AppError } from '../../../../domain/result';
import { RequestContext } from '../../../../server/kit/router';
import { SCENE, checkText } from '../../../../server/moderation';
import { UserPatch, updateUserIf } from '../../../../server/repositories/users';
import { profileFrom, readingOf } from '../profile';
import { userContract } from '../../../../domain/contract/user';
import { z } from 'zod/mini';

type Input = z.infer<typeof userContract.updateProfile.input>;

const NOT_CONSENTED = '请先阅读并同意隐私说明，再填写姓名、手机号或出生年份';

/**
 * Changes only the caller's own fields, read with their place in the call's one read (readProfile),
 * written in one more. Real name and phone are kept only once the privacy notice is accepted (the
 * write itself checks it, so a withdrawal in between wins); a new nickname is checked first.
 */
export async function updateProfile(input: Input, ctx: RequestContext): Promise<Profile> {
  const { user, units, latestBinding } = readingOf(ctx);
  const { acceptPrivacy, ...fields } = input;
  if (acceptPrivacy !== undefined && acceptPrivacy !== PRIVACY_VERSION) {
    throw new AppError('FAILED_PRECONDITION', '隐私说明已更新，请重新阅读后再同意');
  }
  const accepted = acceptPrivacy !== undefined || user.privacy?.version === PRIVACY_VERSION;
  const givesPersonalData = (fields.realName ?? null) !== null || (fields.phone ?? null) !== null || (fields.birthYear ?? null) !== null;
  if (givesPersonalData && !accepted) throw new AppError('FAILED_PRECONDITION', NOT_CONSENTED);
  // Others see the nickname beside everything the person writes: it is checked like their posts
  // (risky refused, no answer refused). There is no review queue for nicknames, so "review" is
  // refused too, and the old nickname stays.
  if (fields.displayName !== undefined && fields.displayName !== user.displayName) {
    const check = await checkText(ctx.openid, SCENE.profile, fields.displayName);
    if (check.suggest === 'review') throw new AppError('INVALID_ARGUMENT', '这个昵称需要人工审核，请换一个');
  }
  const patch: UserPatch = { ...fields };
  if (acceptPrivacy !== undefined) patch.privacy = { version: acceptPrivacy, acceptedAt: ctx.now };
  const consented = givesPersonalData && acceptPrivacy === undefined ? PRIVACY_VERSION : undefined;
  if (!(await updateUserIf(ctx.openid, patch, ctx.now, consented))) throw new AppError('FAILED_PRECONDITION', NOT_CONSENTED);
  return profileFrom({ ...user, ...patch, updatedAt: ctx.now }, units, latestBinding);
}
