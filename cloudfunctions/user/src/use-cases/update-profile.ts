import { PRIVACY_VERSION, Profile } from '../../../../domain/people';
import { AppError } from '../../../../domain/result';
import { RequestContext } from '../../../../server/kit/router';
import { SCENE, checkText } from '../../../../server/moderation';
import { UserPatch, getUser, updateUser } from '../../../../server/repositories/users';
import { profileOf } from '../profile';
import { userContract } from '../../../../domain/contract/user';
import { z } from 'zod/mini';

type Input = z.infer<typeof userContract.updateProfile.input>;

/** Changes only the caller's own fields. Real name and phone are kept only once the privacy notice is accepted; a new nickname is checked first. */
export async function updateProfile(input: Input, ctx: RequestContext): Promise<Profile> {
  const { acceptPrivacy, ...fields } = input;
  if (acceptPrivacy !== undefined && acceptPrivacy !== PRIVACY_VERSION) {
    throw new AppError('FAILED_PRECONDITION', '隐私说明已更新，请重新阅读后再同意');
  }
  const accepted = acceptPrivacy !== undefined || ctx.user.privacy?.version === PRIVACY_VERSION;
  const givesPersonalData = (fields.realName ?? null) !== null || (fields.phone ?? null) !== null || (fields.birthYear ?? null) !== null;
  if (givesPersonalData && !accepted) throw new AppError('FAILED_PRECONDITION', '请先阅读并同意隐私说明，再填写姓名、手机号或出生年份');
  // Others see the nickname beside everything the person writes: it is checked like their posts
  // (risky refused, no answer refused). There is no review queue for nicknames, so "review" is
  // refused too, and the old nickname stays.
  if (fields.displayName !== undefined && fields.displayName !== ctx.user.displayName) {
    const check = await checkText(ctx.openid, SCENE.profile, fields.displayName);
    if (check.suggest === 'review') throw new AppError('INVALID_ARGUMENT', '这个昵称需要人工审核，请换一个');
  }
  const patch: UserPatch = { ...fields };
  if (acceptPrivacy !== undefined) patch.privacy = { version: acceptPrivacy, acceptedAt: ctx.now };
  await updateUser(ctx.openid, patch, ctx.now);
  const updated = await getUser(ctx.openid);
  if (!updated) throw new AppError('NOT_FOUND', '没有找到你的资料');
  return profileOf(updated);
}
